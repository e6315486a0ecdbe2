import { describe, expect, it } from "vitest";
import { type ConformanceContext, unique } from "./conformance-context.ts";

const NOW = "2026-06-01T12:00:00.000Z";
const LATER = "2026-06-01T12:05:00.000Z";
const MUCH_LATER = "2026-06-01T12:10:00.000Z";

/** What device authentication keeps in the store: the session secret and claimed request nonces. */
export function deviceAuthConformance(ctx: ConformanceContext): void {
  async function enrolled(): Promise<string> {
    const { devices } = ctx.store();
    const tokenHash = unique("tok");
    await devices.createEnrollmentToken({ tokenHash, expiresAt: MUCH_LATER });
    const device = {
      hostname: unique("host"),
      credentialHash: unique("cred"),
      platform: "linux-x64",
      agentVersion: "0",
    };
    const redeemed = await devices.redeemEnrollmentToken(tokenHash, device, NOW);
    if (!redeemed.ok) throw new Error(redeemed.reason);
    return redeemed.device.id;
  }

  describe("device reads beside a transaction", () => {
    it("never see a transaction's uncommitted changes, on SQLite's direct path included", async () => {
      const store = ctx.store();
      const id = await enrolled();
      let outside: Promise<unknown[]> | undefined;
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.devices.revokeDevice(id, LATER)).toBe(true);
          // Started while the transaction holds its change; it may finish only after the rollback.
          outside = Promise.all([store.devices.getDevice(id), store.devices.getDeviceWithBundleGeneration(id)]);
          await new Promise((settle) => setTimeout(settle, 20));
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      const [device, withGeneration] = (await outside) as [{ revokedAt: unknown }, { device: { revokedAt: unknown } }];
      expect(device.revokedAt).toBeNull();
      expect(withGeneration.device.revokedAt).toBeNull();
      expect((await store.devices.getDevice(id))?.revokedAt).toBeNull();
    });
  });

  describe("device session secret", () => {
    it("stores the first candidate once: of concurrent first calls one wins, and it survives a reopen", async () => {
      const location = await ctx.databases.create();
      const store = await ctx.databases.open(location);
      const candidates = ["secret-a", "secret-b", "secret-c", "secret-d"];
      const stored = await Promise.all(candidates.map((c) => store.devices.ensureSessionSecret(c, NOW)));
      expect(new Set(stored).size).toBe(1);
      expect(candidates).toContain(stored[0]);
      expect(await store.devices.ensureSessionSecret("secret-e", LATER)).toBe(stored[0]);
      await store.close();
      const reopened = await ctx.databases.open(location);
      expect(await reopened.devices.ensureSessionSecret("secret-f", LATER)).toBe(stored[0]);
    });
  });

  describe("request nonces", () => {
    it("claims a (device, nonce) once until it expires, then lets it be claimed again", async () => {
      const { devices } = ctx.store();
      const [a, b] = [await enrolled(), await enrolled()];
      const nonce = unique("nonce");
      expect(await devices.claimRequestNonce(a, nonce, NOW, LATER)).toBe(true);
      expect(await devices.claimRequestNonce(a, nonce, NOW, LATER)).toBe(false);
      expect(await devices.claimRequestNonce(a, nonce, "2026-06-01T12:04:59.999Z", MUCH_LATER)).toBe(false);
      // Another device's nonce is its own.
      expect(await devices.claimRequestNonce(b, nonce, NOW, LATER)).toBe(true);
      // Expired at LATER: taken over, and held until the new expiry.
      expect(await devices.claimRequestNonce(a, nonce, LATER, MUCH_LATER)).toBe(true);
      expect(await devices.claimRequestNonce(a, nonce, "2026-06-01T12:09:00.000Z", MUCH_LATER)).toBe(false);
    });

    it("lets exactly one of concurrent claims of a nonce win", async () => {
      const { devices } = ctx.store();
      const device = await enrolled();
      for (let round = 0; round < 5; round++) {
        const nonce = unique("nonce");
        const claims = await Promise.all(
          Array.from({ length: 4 }, () => devices.claimRequestNonce(device, nonce, NOW, LATER)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
    });

    it("deletes only the expired claims", async () => {
      const { devices } = ctx.store();
      const device = await enrolled();
      const [old, live] = [unique("nonce"), unique("nonce")];
      await devices.claimRequestNonce(device, old, NOW, LATER);
      await devices.claimRequestNonce(device, live, NOW, MUCH_LATER);
      expect(await devices.deleteExpiredRequestNonces(LATER)).toBeGreaterThanOrEqual(1);
      expect(await devices.deleteExpiredRequestNonces(LATER)).toBe(0);
      expect(await devices.claimRequestNonce(device, live, LATER, MUCH_LATER)).toBe(false);
      expect(await devices.claimRequestNonce(device, old, LATER, MUCH_LATER)).toBe(true);
    });
  });
}
