import { createHash } from "node:crypto";
import { type DeviceRepository, type DeviceRow, verifyDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { HttpError } from "../http-error.ts";

/** How far a device request's timestamp may be from the server's clock, either way. */
export const DEVICE_REQUEST_WINDOW_MS = 5 * 60_000;

// Past this many remembered nonces the expired ones are swept before adding another.
const SWEEP_AT = 10_000;

/** The nonces seen inside the timestamp window (per process), so a captured request cannot be replayed. */
export interface NonceCache {
  /** False when `key` was already seen and has not expired; else remembers it until `expiresAt`. */
  claim(key: string, now: number, expiresAt: number): boolean;
}

/** An in-memory {@link NonceCache}. */
export function createNonceCache(): NonceCache {
  const seen = new Map<string, number>();
  return {
    claim(key, now, expiresAt) {
      const until = seen.get(key);
      if (until !== undefined && until > now) return false;
      if (seen.size >= SWEEP_AT) for (const [k, t] of seen) if (t <= now) seen.delete(k);
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
  const publicKeyPem = Buffer.from(keyB64, "base64").toString("utf8");
  const device = await devices.findDeviceByCredentialHash(deviceCredentialHash(publicKeyPem));
  const invalid = new HttpError("unauthenticated", "the device is not enrolled, revoked, or the signature is invalid");
  if (device === null || device.revokedAt !== null) throw invalid;
  const url = new URL(request.url);
  const body =
    request.method === "GET" || request.method === "HEAD" ? "" : new Uint8Array(await request.clone().arrayBuffer());
  const parts = { method: request.method, path: `${url.pathname}${url.search}`, timestamp, nonce, body };
  if (!verifyDeviceRequest(parts, signature, publicKeyPem)) throw invalid;
  if (!nonces.claim(`${device.id}:${nonce}`, now.getTime(), at + DEVICE_REQUEST_WINDOW_MS)) {
    throw new HttpError("unauthenticated", "this request was already received (replayed nonce)");
  }
  return device;
}
