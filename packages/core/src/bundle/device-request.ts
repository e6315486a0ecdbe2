import type { KeyObject } from "node:crypto";
import { nodeCrypto } from "../util/lazy-node-crypto.ts";

/** What a device signs for one request. */
export interface DeviceRequestParts {
  readonly method: string;
  /** The path with its query string, as sent (`/v1/devices/self/bundle`). */
  readonly path: string;
  /** Milliseconds since the epoch, as a decimal string. */
  readonly timestamp: string;
  readonly nonce: string;
  /** The request body (empty for GET). */
  readonly body: string | Uint8Array;
}

/** The text a device request signature covers: a tag, method, path, timestamp, nonce and the body's sha256, one per line. */
export function deviceRequestText(parts: DeviceRequestParts): string {
  const bodyHash = nodeCrypto().createHash("sha256").update(parts.body).digest("hex");
  return [
    "warden-device-request/v1",
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join("\n");
}

/** Signs a device request with the device's Ed25519 private key (PKCS#8 PEM); the signature in base64. */
export function signDeviceRequest(parts: DeviceRequestParts, privateKeyPem: string): string {
  const { createPrivateKey, sign } = nodeCrypto();
  return sign(null, Buffer.from(deviceRequestText(parts), "utf8"), createPrivateKey(privateKeyPem)).toString("base64");
}

/** The verify call's arguments (data, key, signature bytes), or null when the signature or key is malformed. */
function verifyArguments(
  parts: DeviceRequestParts,
  signature: string,
  publicKey: string | KeyObject,
): [Buffer, KeyObject, Buffer] | null {
  try {
    const bytes = Buffer.from(signature, "base64");
    if (bytes.length !== 64) return null;
    const key = typeof publicKey === "string" ? nodeCrypto().createPublicKey(publicKey) : publicKey;
    return [Buffer.from(deviceRequestText(parts), "utf8"), key, bytes];
  } catch {
    return null;
  }
}

/**
 * True when `signature` (base64) is the device key's signature of the request; false on malformed
 * input. The key is its SPKI PEM, or a `KeyObject` made from it (parsing the PEM costs about as
 * much as verifying, so a server keeps the parsed key of each enrolled device).
 */
export function verifyDeviceRequest(
  parts: DeviceRequestParts,
  signature: string,
  publicKey: string | KeyObject,
): boolean {
  const args = verifyArguments(parts, signature, publicKey);
  if (args === null) return false;
  try {
    return nodeCrypto().verify(null, ...args);
  } catch {
    return false;
  }
}

/**
 * {@link verifyDeviceRequest} on libuv's thread pool: the Ed25519 verify (about 0.1 ms here) runs
 * beside the event loop instead of blocking it, so a server checks requests on several cores.
 */
export function verifyDeviceRequestAsync(
  parts: DeviceRequestParts,
  signature: string,
  publicKey: string | KeyObject,
): Promise<boolean> {
  const args = verifyArguments(parts, signature, publicKey);
  if (args === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      nodeCrypto().verify(null, ...args, (error, valid) => resolve(error === null && valid));
    } catch {
      resolve(false);
    }
  });
}
