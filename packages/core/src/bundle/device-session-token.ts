/** The version tag a device session token starts with. */
export const DEVICE_SESSION_TOKEN_TAG = "ws1";

/** What a device session token names (`ws1.<deviceId>.<expiresAt>.<nonce>`). */
export interface DeviceSessionTokenFields {
  readonly deviceId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** Random (base64url), so two sessions of one device in the same second differ. */
  readonly nonce: string;
}

// Strict: a device id of `[A-Za-z0-9_-]` (ids are UUIDs), a positive integer without leading zeros
// (one spelling per instant) and a nonce of 16 to 64 base64url characters.
const TOKEN = /^ws1\.([A-Za-z0-9_-]{1,128})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{16,64})$/;

/** The token of a session: the text the server's session key is derived from (HMAC of the installation's secret). */
export function formatDeviceSessionToken(fields: DeviceSessionTokenFields): string {
  return [DEVICE_SESSION_TOKEN_TAG, fields.deviceId, String(fields.expiresAt), fields.nonce].join(".");
}

/** The fields of a well-formed session token, or null for anything else. */
export function parseDeviceSessionToken(token: string): DeviceSessionTokenFields | null {
  const match = TOKEN.exec(token);
  if (match === null) return null;
  return { deviceId: match[1]!, expiresAt: Number(match[2]), nonce: match[3]! };
}
