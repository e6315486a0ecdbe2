import { createHmac, randomBytes } from "node:crypto";
import {
  type DeviceRepository,
  type DeviceRow,
  formatDeviceSessionToken,
  parseDeviceSessionToken,
  verifyDeviceRequestMac,
} from "@warden/core";
import { DEVICE_SESSION_AUTH, type DeviceSessionV1 } from "@warden/protocol";
import { HttpError } from "../http-error.ts";
import { requestFreshness, signedPath } from "./device-auth.ts";

/** How long a device session lives. */
export const DEVICE_SESSION_LIFETIME_MS = 10 * 60_000;

/** The route that issues sessions (named in the errors that tell a device to get a new one). */
export const DEVICE_SESSION_PATH = "/v1/devices/self/session";

// `WardenSession <token>` (the scheme in any case, as HTTP has it), then nothing after the token.
const SESSION_SCHEME = new RegExp(`^${DEVICE_SESSION_AUTH.scheme}(?:[ \\t]|$)`, "i");
const SESSION_AUTHORIZATION = new RegExp(`^${DEVICE_SESSION_AUTH.scheme}[ \\t]+(\\S+)$`, "i");
const MAC = /^[A-Za-z0-9_-]{43}$/;

/** Whether an `Authorization` header uses the session scheme (whatever follows it). */
export function isSessionAuthorization(authorization: string | undefined): boolean {
  return SESSION_SCHEME.test(authorization ?? "");
}

/**
 * Short-lived device sessions, stateless on the server: a session's key is the HMAC-SHA256 of its
 * token under the installation's secret (stored once in the database, see `ensureSessionSecret`),
 * so every server process sharing the database recomputes it and nothing per session is stored.
 */
export interface DeviceSessions {
  /** A new session for a device that authenticated with its Ed25519 key. */
  issue(deviceId: string, now: Date): Promise<DeviceSessionV1>;
  /**
   * The device of a session-authenticated request (`Authorization: WardenSession <token>`, the
   * timestamp and nonce headers, the MAC header); 401 with what is wrong otherwise. No nonce is
   * claimed: sessions authenticate read-only GETs only, whose replay returns what the device may read.
   */
  authenticate(request: Request, now: Date): Promise<DeviceRow>;
}

// Keys of sessions that authenticated a request, by token: deriving one costs an HMAC, as much as
// checking the request's MAC, and a device presents one token for its whole lifetime. Kept only
// after a MAC verified (random tokens cannot flood it), at most this many, the oldest dropped first.
const KEY_CACHE_SIZE = 10_000;

function unauthenticated(message: string): HttpError {
  return new HttpError("unauthenticated", message);
}

/**
 * The {@link DeviceSessions} of one app: the secret is read (or created) on first use and kept.
 * `loadDevice` reads the device a verified session names (default: `devices.getDevice`; the app
 * passes the bundle cache's, which reads the bundle inputs generation in the same statement).
 */
export function createDeviceSessions(
  devices: DeviceRepository,
  loadDevice: (deviceId: string) => Promise<DeviceRow | null> = (id) => devices.getDevice(id),
): DeviceSessions {
  let secret: Buffer | null = null;
  let loading: Promise<Buffer> | null = null;

  async function sessionSecret(now: Date): Promise<Buffer> {
    if (secret !== null) return secret;
    loading ??= devices
      .ensureSessionSecret(randomBytes(32).toString("base64url"), now.toISOString())
      .then((stored) => Buffer.from(stored, "base64url"))
      .finally(() => {
        loading = null;
      });
    secret = await loading;
    return secret;
  }

  const keys = new Map<string, Buffer>();
  const sessionKey = (key: Buffer, token: string) => createHmac("sha256", key).update(token, "utf8").digest();
  function rememberKey(token: string, key: Buffer): void {
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value as string);
    keys.set(token, key);
  }

  return {
    async issue(deviceId, now) {
      const expiresAt = Math.floor((now.getTime() + DEVICE_SESSION_LIFETIME_MS) / 1000);
      const token = formatDeviceSessionToken({ deviceId, expiresAt, nonce: randomBytes(18).toString("base64url") });
      const key = sessionKey(await sessionSecret(now), token).toString("base64url");
      return { token, key, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },

    async authenticate(request, now) {
      const authorization = request.headers.get("authorization") ?? "";
      const token = SESSION_AUTHORIZATION.exec(authorization)?.[1];
      if (token === undefined) {
        throw unauthenticated(`send the session as \`Authorization: ${DEVICE_SESSION_AUTH.scheme} <token>\``);
      }
      const fields = parseDeviceSessionToken(token);
      if (fields === null) {
        throw unauthenticated(
          `the session token is malformed: expected ws1.<deviceId>.<expiresAt>.<nonce> as ${DEVICE_SESSION_PATH} issues it`,
        );
      }
      if (fields.expiresAt * 1000 <= now.getTime()) {
        throw unauthenticated(
          `the session expired at ${new Date(fields.expiresAt * 1000).toISOString()}; get a new one with POST ${DEVICE_SESSION_PATH}`,
        );
      }
      const { timestamp, nonce } = requestFreshness(request, now);
      const mac = request.headers.get(DEVICE_SESSION_AUTH.mac) ?? "";
      if (!MAC.test(mac)) {
        throw unauthenticated(
          `${DEVICE_SESSION_AUTH.mac} must be the request's HMAC-SHA256 in base64url (43 characters)`,
        );
      }
      const known = keys.get(token);
      const key = known ?? sessionKey(await sessionSecret(now), token);
      const parts = { method: request.method, path: signedPath(request), timestamp, nonce, body: "" };
      if (!verifyDeviceRequestMac(parts, mac, key)) {
        throw unauthenticated(
          "the session request's MAC does not verify: the token was altered or issued by another installation, " +
            "or the MAC covers another method, path, timestamp or nonce, or was made with another key",
        );
      }
      if (known === undefined) rememberKey(token, key);
      // Read on every request (never cached): a revoked device is refused from its next request on.
      const device = await loadDevice(fields.deviceId);
      if (device === null || device.revokedAt !== null) {
        throw unauthenticated("the session's device is not enrolled or was revoked");
      }
      return device;
    },
  };
}
