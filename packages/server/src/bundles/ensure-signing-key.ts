import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { SigningKeyRepository, SigningKeyRow } from "@warden/core";

/** Generates and stores a new Ed25519 bundle signing key; it becomes the newest active key (the one that signs). */
export async function createSigningKey(keys: SigningKeyRepository): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return keys.addSigningKey({
    id: `sk_${randomBytes(9).toString("base64url")}`,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    // TODO(encrypt at rest): the port allows the server to encrypt this before storing it.
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  });
}

/** The active signing keys, newest (the signer) first; creates one when there is none (first start). */
export async function ensureSigningKeys(keys: SigningKeyRepository): Promise<SigningKeyRow[]> {
  const active = await keys.listActiveSigningKeys();
  if (active.length > 0) return active;
  await createSigningKey(keys);
  return keys.listActiveSigningKeys();
}
