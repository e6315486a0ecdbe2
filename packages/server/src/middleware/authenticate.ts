import type { CredentialRepository } from "@warden/core";
import { hashApiKeySecret } from "../auth/api-key-secret.ts";
import { effectivePermissions, type Permission } from "../auth/permissions.ts";
import { HttpError } from "../http-error.ts";
import type { Caller } from "../routes/route.ts";

// Recording every use would be one write per request; once a minute is enough to see stale keys.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns an `Authorization: Bearer <secret>` header into the caller: 401 when the header is missing
 * or the key is unknown, revoked, expired or its principal disabled.
 */
export async function authenticate(
  credentials: CredentialRepository,
  authorization: string | undefined,
  now: Date,
): Promise<Caller> {
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) {
    throw new HttpError("unauthenticated", "send an API key as `Authorization: Bearer <key>`");
  }
  const found = await credentials.findApiKeyBySecretHash(hashApiKeySecret(match[1]!));
  const invalid = new HttpError("unauthenticated", "the API key is not valid (unknown, revoked or expired)");
  if (found === null) throw invalid;
  const { key, principal } = found;
  if (key.revokedAt !== null || principal.disabledAt !== null) throw invalid;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()) throw invalid;
  if (key.lastUsedAt === null || now.getTime() - Date.parse(key.lastUsedAt) > TOUCH_INTERVAL_MS) {
    await credentials.touchApiKey(key.id, now.toISOString());
  }
  return {
    principal,
    apiKey: key,
    permissions: effectivePermissions(principal.role, key.scopes),
    actor: { kind: "principal", id: principal.id },
  };
}

/** Refuses (403) a caller without `permission`, naming what is missing. */
export function authorize(caller: Caller, permission: Permission): void {
  if (caller.permissions.has(permission)) return;
  throw new HttpError("forbidden", `this API key lacks the permission ${permission} (role ${caller.principal.role})`, {
    required: permission,
    role: caller.principal.role,
  });
}
