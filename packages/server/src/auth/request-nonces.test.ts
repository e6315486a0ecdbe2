import type { DeviceRepository } from "@warden/core";
import { describe, expect, it } from "vitest";
import { createStoreNonceCache, NONCE_SWEEP_EVERY } from "./request-nonces.ts";

/** The two repository calls the store-backed cache makes, over a map, counting the sweeps. */
function fakeDevices() {
  const claims = new Map<string, number>();
  const calls = { sweeps: 0 };
  const devices = {
    async claimRequestNonce(deviceId: string, nonce: string, now: string, expiresAt: string) {
      const until = claims.get(`${deviceId}:${nonce}`);
      if (until !== undefined && until > Date.parse(now)) return false;
      claims.set(`${deviceId}:${nonce}`, Date.parse(expiresAt));
      return true;
    },
    async deleteExpiredRequestNonces(now: string) {
      calls.sweeps++;
      let deleted = 0;
      for (const [key, until] of claims) if (until <= Date.parse(now) && claims.delete(key)) deleted++;
      return deleted;
    },
  };
  return { devices: devices as unknown as DeviceRepository, claims, calls };
}

describe("the store nonce cache", () => {
  it("claims a nonce once per device until it expires", async () => {
    const nonces = createStoreNonceCache(fakeDevices().devices);
    expect(await nonces.claim("d1", "n1", 1_000, 5_000)).toBe(true);
    expect(await nonces.claim("d1", "n1", 4_999, 9_000)).toBe(false);
    expect(await nonces.claim("d2", "n1", 1_000, 5_000)).toBe(true);
    expect(await nonces.claim("d1", "n1", 5_000, 9_000)).toBe(true);
  });

  it("in the store: every NONCE_SWEEP_EVERYth claim deletes the expired claims", async () => {
    const { devices, claims, calls } = fakeDevices();
    const nonces = createStoreNonceCache(devices);
    for (let i = 1; i < NONCE_SWEEP_EVERY; i++) await nonces.claim("d1", `n${i}`, i, i + 100);
    expect(calls.sweeps).toBe(0);
    expect(claims.size).toBe(NONCE_SWEEP_EVERY - 1);
    await nonces.claim("d1", "last", NONCE_SWEEP_EVERY, NONCE_SWEEP_EVERY + 100);
    expect(calls.sweeps).toBe(1);
    // The claims with i + 100 ≤ NONCE_SWEEP_EVERY expired by then; the last 99 and the new one are kept.
    expect(claims.size).toBe(100);
  });
});
