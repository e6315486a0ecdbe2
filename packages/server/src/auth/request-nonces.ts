import type { DeviceRepository } from "@warden/core";

/**
 * The nonces of device-signed requests seen inside the timestamp window, so a captured request
 * cannot be replayed. {@link createStoreNonceCache} keeps them in the database, shared by every
 * server process.
 */
export interface NonceCache {
  /**
   * False when `deviceId`'s `nonce` was claimed before and its claim has not expired at `now`; else
   * claims it until `expiresAt` (epoch ms) and answers true.
   */
  claim(deviceId: string, nonce: string, now: number, expiresAt: number): Promise<boolean>;
}

/** Every this many claims, a process deletes the expired claims (all processes', so the table stays small). */
export const NONCE_SWEEP_EVERY = 1_000;

/**
 * The app's {@link NonceCache}: claims live in the store (`device_request_nonces`), so a request
 * replayed to another server process on the same database is refused too. Every
 * {@link NONCE_SWEEP_EVERY}th claim deletes the expired rows (an indexed delete of what expired
 * since): O(1) amortised per request.
 */
export function createStoreNonceCache(devices: DeviceRepository): NonceCache {
  let claims = 0;
  return {
    async claim(deviceId, nonce, now, expiresAt) {
      const at = new Date(now).toISOString();
      const claimed = await devices.claimRequestNonce(deviceId, nonce, at, new Date(expiresAt).toISOString());
      if (++claims >= NONCE_SWEEP_EVERY) {
        claims = 0;
        await devices.deleteExpiredRequestNonces(at);
      }
      return claimed;
    },
  };
}
