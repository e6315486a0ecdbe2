import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { SigningKeyRepository, SigningKeyRow } from "@warden/core";

/**
 * Generates and stores a new Ed25519 bundle signing key. It is trusted (bundles announce it to
 * agents) but signs only with `signing: true` or once promoted, so agents learn it first.
 */
export async function createSigningKey(
  keys: SigningKeyRepository,
  options: { signing?: boolean } = {},
): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return keys.addSigningKey({
    id: `sk_${randomBytes(9).toString("base64url")}`,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    // TODO(encrypt at rest): the port allows the server to encrypt this before storing it.
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    signing: options.signing === true,
  });
}

/** The active signing keys, the signer first; creates a signing key when there is none (first start). */
export async function ensureSigningKeys(keys: SigningKeyRepository): Promise<SigningKeyRow[]> {
  const active = await keys.listActiveSigningKeys();
  if (active.length > 0) return active;
  await createSigningKey(keys, { signing: true });
  return keys.listActiveSigningKeys();
}
