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

// The sha256 of an empty body (every GET's): a constant, so the per-request text of a GET hashes nothing.
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * The text a device request signature (or a session request's MAC) covers: a tag, method, path,
 * timestamp, nonce and the body's sha256, one per line.
 */
export function deviceRequestText(parts: DeviceRequestParts): string {
  const bodyHash =
    parts.body.length === 0 ? EMPTY_BODY_SHA256 : nodeCrypto().createHash("sha256").update(parts.body).digest("hex");
  return [
    "warden-device-request/v1",
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join("\n");
}

/**
 * Signs a device request with the device's Ed25519 private key (PKCS#8 PEM, or a `KeyObject` made
 * from it); the signature in base64.
 */
export function signDeviceRequest(parts: DeviceRequestParts, privateKey: string | KeyObject): string {
  const { createPrivateKey, sign } = nodeCrypto();
  const key = typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey;
  return sign(null, Buffer.from(deviceRequestText(parts), "utf8"), key).toString("base64");
}

/**
 * The MAC of a session-authenticated request: HMAC-SHA256 of {@link deviceRequestText} under the
 * session's key (its bytes, decoded from the base64url `key` the server issued), in base64url.
 */
export function macDeviceRequest(parts: DeviceRequestParts, sessionKey: Uint8Array): string {
  return nodeCrypto().createHmac("sha256", sessionKey).update(deviceRequestText(parts), "utf8").digest("base64url");
}

/**
 * True when `mac` (base64url) is the session key's MAC of the request, compared in constant time;
 * false when it differs or is malformed.
 */
export function verifyDeviceRequestMac(parts: DeviceRequestParts, mac: string, sessionKey: Uint8Array): boolean {
  const { createHmac, timingSafeEqual } = nodeCrypto();
  const presented = Buffer.from(mac, "base64url");
  const expected = createHmac("sha256", sessionKey).update(deviceRequestText(parts), "utf8").digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
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
