import { canonicalJson } from "../audit-chain/canonical-json.ts";
import { nodeCrypto } from "../util/lazy-node-crypto.ts";
import type { BundleV1, SignedBundleV1 } from "./bundle-types.ts";

/** The exact bytes a bundle signature covers: the canonical JSON (sorted keys, no spaces) of the bundle. */
export function bundleSigningBytes(bundle: BundleV1): Buffer {
  return Buffer.from(canonicalJson(bundle), "utf8");
}

function signBytes(bytes: Buffer, privateKeyPem: string): string {
  const { createPrivateKey, sign } = nodeCrypto();
  return sign(null, bytes, createPrivateKey(privateKeyPem)).toString("base64");
}

/**
 * Signs `bundle` with an Ed25519 private key (PKCS#8 PEM); `bundle.keyId` must name that key.
 * Each of `endorsers` (the server's other keys) adds an endorsement: its signature of the same bytes.
 */
export function signBundle(
  bundle: BundleV1,
  privateKeyPem: string,
  endorsers: readonly { keyId: string; privateKeyPem: string }[] = [],
): SignedBundleV1 {
  const bytes = bundleSigningBytes(bundle);
  const signed: SignedBundleV1 = { bundle, signature: signBytes(bytes, privateKeyPem) };
  if (endorsers.length > 0) {
    signed.endorsements = endorsers.map((key) => ({
      keyId: key.keyId,
      signature: signBytes(bytes, key.privateKeyPem),
    }));
  }
  return signed;
}

/** True when `signature` (base64) is a valid Ed25519 signature of `bundle` by `publicKeyPem`; false on any malformed input. */
export function verifyBundleSignature(bundle: BundleV1, signature: string, publicKeyPem: string): boolean {
  try {
    const bytes = Buffer.from(signature, "base64");
    if (bytes.length !== 64) return false;
    const { createPublicKey, verify } = nodeCrypto();
    return verify(null, bundleSigningBytes(bundle), createPublicKey(publicKeyPem), bytes);
  } catch {
    return false;
  }
}

/** True when `signed.signature` is a valid Ed25519 signature of its bundle by `publicKeyPem`; false on any malformed input. */
export function verifyBundle(signed: SignedBundleV1, publicKeyPem: string): boolean {
  return verifyBundleSignature(signed.bundle, signed.signature, publicKeyPem);
}
