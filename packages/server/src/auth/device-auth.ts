import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { type DeviceRepository, type DeviceRow, verifyDeviceRequestAsync } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { HttpError } from "../http-error.ts";

/** How far a device request's timestamp may be from the server's clock, either way. */
export const DEVICE_REQUEST_WINDOW_MS = 5 * 60_000;

// Past this many remembered nonces the expired ones are swept; the next sweep waits until the map
// has doubled, so sweeping costs O(1) per request even when every nonce is still in its window.
const SWEEP_AT = 10_000;

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

/** The nonces seen inside the timestamp window (per process), so a captured request cannot be replayed. */
export interface NonceCache {
  /** False when `key` was already seen and has not expired; else remembers it until `expiresAt`. */
  claim(key: string, now: number, expiresAt: number): boolean;
}

/** An in-memory {@link NonceCache}. */
export function createNonceCache(): NonceCache {
  const seen = new Map<string, number>();
  let sweepAt = SWEEP_AT;
  return {
    claim(key, now, expiresAt) {
      const until = seen.get(key);
      if (until !== undefined && until > now) return false;
      if (seen.size >= sweepAt) {
        for (const [k, t] of seen) if (t <= now) seen.delete(k);
        sweepAt = Math.max(SWEEP_AT, 2 * seen.size);
      }
      seen.set(key, expiresAt);
      return true;
    },
  };
}

/** The sha256 (hex) under which a device's public key is stored as its credential. */
export function deviceCredentialHash(publicKeyPem: string): string {
  return createHash("sha256").update(publicKeyPem.trim(), "utf8").digest("hex");
}

/**
 * Authenticates a device-signed request: the presented public key must belong to an enrolled,
 * unrevoked device, the signature must cover method, path, timestamp, nonce and body, the
 * timestamp must be within {@link DEVICE_REQUEST_WINDOW_MS} and the nonce unseen. 401 otherwise.
 */
export async function authenticateDevice(
  devices: DeviceRepository,
  request: Request,
  now: Date,
  nonces: NonceCache,
): Promise<DeviceRow> {
  const header = (name: string) => request.headers.get(name) ?? "";
  const keyB64 = header(DEVICE_AUTH_HEADERS.key);
  const timestamp = header(DEVICE_AUTH_HEADERS.timestamp);
  const nonce = header(DEVICE_AUTH_HEADERS.nonce);
  const signature = header(DEVICE_AUTH_HEADERS.signature);
  if (!keyB64 || !/^\d{1,16}$/.test(timestamp) || !/^[A-Za-z0-9_-]{8,128}$/.test(nonce) || !signature) {
    throw new HttpError("unauthenticated", "this route needs a device-signed request (run `warden enroll` first)");
  }
  const at = Number(timestamp);
  if (Math.abs(at - now.getTime()) > DEVICE_REQUEST_WINDOW_MS) {
    throw new HttpError("unauthenticated", "the request's timestamp is outside the allowed window; check the clock");
  }
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
  const url = new URL(request.url);
  const body =
    request.method === "GET" || request.method === "HEAD" ? "" : new Uint8Array(await request.clone().arrayBuffer());
  const parts = { method: request.method, path: `${url.pathname}${url.search}`, timestamp, nonce, body };
  if (!(await verifyDeviceRequestAsync(parts, signature, key))) throw invalid();
  if (!nonces.claim(`${device.id}:${nonce}`, now.getTime(), at + DEVICE_REQUEST_WINDOW_MS)) {
    throw new HttpError("unauthenticated", "this request was already received (replayed nonce)");
  }
  return device;
}
