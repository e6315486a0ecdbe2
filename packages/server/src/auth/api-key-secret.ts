import { createHash, randomBytes } from "node:crypto";

/** What every generated API key starts with, so scanners and people recognise one. */
export const API_KEY_PREFIX = "wk_";

/** A new random API key secret: `wk_` and 32 random bytes in base64url. */
export function generateApiKeySecret(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** The only form of a secret the store keeps: sha256, hex. */
export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The first characters of a secret, shown in listings to recognise a key. */
export function apiKeyDisplayPrefix(secret: string): string {
  return secret.slice(0, API_KEY_PREFIX.length + 6);
}
