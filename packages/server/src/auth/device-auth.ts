import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { type DeviceRepository, type DeviceRow, verifyDeviceRequestAsync } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { HttpError } from "../http-error.ts";
import type { NonceCache } from "./request-nonces.ts";

/** How far a device request's timestamp may be from the server's clock, either way. */
export const DEVICE_REQUEST_WINDOW_MS = 5 * 60_000;

/** A presented device key, decoded, hashed and parsed. */
interface PresentedKey {
  readonly credentialHash: string;
  readonly key: KeyObject;
}

// Keys of enrolled devices by the key header's value: what is derived from it depends on nothing
// else, so sharing it across apps is safe, and parsing a PEM costs about as much as the Ed25519
// verify itself. Only keys that matched an enrolled device are kept, at most this many.
const KEY_CACHE_SIZE = 10_000;
const presentedKeys = new Map<string, PresentedKey>();

function rememberKey(keyB64: string, presented: PresentedKey): void {
  if (presentedKeys.size >= KEY_CACHE_SIZE) presentedKeys.delete(presentedKeys.keys().next().value as string);
  presentedKeys.set(keyB64, presented);
}

/** A device request's timestamp and nonce headers, checked for form and freshness. */
export interface RequestFreshness {
  readonly timestamp: string;
  /** The timestamp, in epoch ms. */
  readonly at: number;
  readonly nonce: string;
}

/**
 * Reads the timestamp and nonce headers every device request carries (device-signed or
 * session-authenticated): 401 when one is missing or malformed, or the timestamp is more than
 * {@link DEVICE_REQUEST_WINDOW_MS} from `now`.
 */
export function requestFreshness(request: Request, now: Date): RequestFreshness {
  const timestamp = request.headers.get(DEVICE_AUTH_HEADERS.timestamp) ?? "";
  const nonce = request.headers.get(DEVICE_AUTH_HEADERS.nonce) ?? "";
  if (!/^\d{1,16}$/.test(timestamp)) {
    throw new HttpError(
      "unauthenticated",
      `${DEVICE_AUTH_HEADERS.timestamp} must be the request's time in milliseconds since the epoch`,
    );
  }
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(nonce)) {
    throw new HttpError("unauthenticated", `${DEVICE_AUTH_HEADERS.nonce} must be 8 to 128 characters [A-Za-z0-9_-]`);
  }
  const at = Number(timestamp);
  if (Math.abs(at - now.getTime()) > DEVICE_REQUEST_WINDOW_MS) {
    throw new HttpError("unauthenticated", "the request's timestamp is outside the allowed window; check the clock");
  }
  return { timestamp, at, nonce };
}

/**
 * The path with its query string, as a device signs it: the URL's pathname and search (an empty
 * query, a bare `?`, is no query). A Request's URL is already serialized, so this slices it
 * instead of parsing it again on every device request.
 */
export function signedPath(request: Request): string {
  const { url } = request;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const hash = url.indexOf("#", start);
  const path = url.slice(start, hash < 0 ? undefined : hash);
  return path.indexOf("?") === path.length - 1 ? path.slice(0, -1) : path;
}

/** The sha256 (hex) under which a device's public key is stored as its credential. */
export function deviceCredentialHash(publicKeyPem: string): string {
  return createHash("sha256").update(publicKeyPem.trim(), "utf8").digest("hex");
}

/**
 * Authenticates a device-signed request: the presented public key must belong to an enrolled,
 * unrevoked device, the signature must cover method, path, timestamp, nonce and body, the
 * timestamp must be within {@link DEVICE_REQUEST_WINDOW_MS} and the nonce unclaimed (then it is
 * claimed). 401 otherwise.
 */
export async function authenticateDevice(
  devices: DeviceRepository,
  request: Request,
  now: Date,
  nonces: NonceCache,
): Promise<DeviceRow> {
  const keyB64 = request.headers.get(DEVICE_AUTH_HEADERS.key) ?? "";
  const signature = request.headers.get(DEVICE_AUTH_HEADERS.signature) ?? "";
  if (!keyB64 || !signature) {
    throw new HttpError("unauthenticated", "this route needs a device-signed request (run `warden enroll` first)");
  }
  const { timestamp, at, nonce } = requestFreshness(request, now);
  const known = presentedKeys.get(keyB64);
  const publicKeyPem = known === undefined ? Buffer.from(keyB64, "base64").toString("utf8") : "";
  const credentialHash = known?.credentialHash ?? deviceCredentialHash(publicKeyPem);
  // Read on every request (never cached): a revoked device is refused from the next request on.
  const device = await devices.findDeviceByCredentialHash(credentialHash);
  // Built only when refusing: an Error captures a stack trace, which the accepted path would pay.
  const invalid = () =>
    new HttpError("unauthenticated", "the device is not enrolled, revoked, or the signature is invalid");
  if (device === null || device.revokedAt !== null) throw invalid();
  let key = known?.key;
  if (key === undefined) {
    try {
      key = createPublicKey(publicKeyPem);
    } catch {
      throw invalid();
    }
    rememberKey(keyB64, { credentialHash, key });
  }
  const body =
    request.method === "GET" || request.method === "HEAD" ? "" : new Uint8Array(await request.clone().arrayBuffer());
  const parts = { method: request.method, path: signedPath(request), timestamp, nonce, body };
  if (!(await verifyDeviceRequestAsync(parts, signature, key))) throw invalid();
  if (!(await nonces.claim(device.id, nonce, now.getTime(), at + DEVICE_REQUEST_WINDOW_MS))) {
    throw new HttpError("unauthenticated", "this request was already received (replayed nonce)");
  }
  return device;
}
