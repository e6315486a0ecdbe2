import { canonicalJson } from "../audit-chain/canonical-json.ts";
import { nodeCrypto } from "../util/lazy-node-crypto.ts";
import type { BundleV1, SignedBundleV1 } from "./bundle-types.ts";

/** The exact bytes a bundle signature covers: the canonical JSON (sorted keys, no spaces) of the bundle. */
export function bundleSigningBytes(bundle: BundleV1): Buffer {
  return Buffer.from(canonicalJson(bundle), "utf8");
}

/** Signs `bundle` with an Ed25519 private key (PKCS#8 PEM); `bundle.keyId` must name that key. */
export function signBundle(bundle: BundleV1, privateKeyPem: string): SignedBundleV1 {
  const { createPrivateKey, sign } = nodeCrypto();
  const signature = sign(null, bundleSigningBytes(bundle), createPrivateKey(privateKeyPem)).toString("base64");
  return { bundle, signature };
}

/** True when `signed.signature` is a valid Ed25519 signature of its bundle by `publicKeyPem`; false on any malformed input. */
export function verifyBundle(signed: SignedBundleV1, publicKeyPem: string): boolean {
  try {
    const signature = Buffer.from(signed.signature, "base64");
    if (signature.length !== 64) return false;
    const { createPublicKey, verify } = nodeCrypto();
    return verify(null, bundleSigningBytes(signed.bundle), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
