import type { NewDevice } from "@warden/core";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, unique } from "./conformance-context.ts";

const NOW = "2026-06-01T12:00:00.000Z";
const LATER = "2026-06-02T12:00:00.000Z";

function newDevice(): NewDevice {
  return { hostname: unique("host"), credentialHash: unique("cred"), platform: "linux-x64", agentVersion: "0.1.0" };
}

/** Devices and enrollment tokens, signing keys, bundles. */
export function deviceConformance(ctx: ConformanceContext): void {
  describe("devices and enrollment tokens", () => {
    it("redeems a token once, assigning its user, and refuses reuse, expiry and unknown tokens", async () => {
      const { devices, directory } = ctx.store();
      const user = await directory.createUser({ name: unique("bob") });
      if (!("id" in user)) throw new Error("conflict");
      const tokenHash = unique("tok");
      await devices.createEnrollmentToken({ tokenHash, expiresAt: LATER, userId: user.id, createdBy: "p-admin" });
      const first = await devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW);
      if (!first.ok) throw new Error(first.reason);
      expect(first.device).toMatchObject({ userId: user.id, enrolledAt: NOW, lastSeenAt: null, revokedAt: null });
      expect(await devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW)).toEqual({ ok: false, reason: "used" });
      const token = (await devices.listEnrollmentTokens()).find((t) => t.tokenHash === tokenHash);
      expect(token).toMatchObject({ usedAt: NOW, usedByDeviceId: first.device.id, userId: user.id });

      const expiring = unique("tok");
      await devices.createEnrollmentToken({ tokenHash: expiring, expiresAt: NOW });
      expect(await devices.redeemEnrollmentToken(expiring, newDevice(), NOW)).toEqual({ ok: false, reason: "expired" });
      expect(await devices.redeemEnrollmentToken(unique("tok"), newDevice(), NOW)).toEqual({
        ok: false,
        reason: "unknown",
      });
    });

    it("lets exactly one of two concurrent redeems of a token win", async () => {
      const { devices } = ctx.store();
      for (let round = 0; round < 5; round++) {
        const tokenHash = unique("tok");
        await devices.createEnrollmentToken({ tokenHash, expiresAt: LATER });
        const results = await Promise.all([
          devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW),
          devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
      }
    });

    it("finds devices by credential, records check-ins, reassigns and revokes", async () => {
      const { devices, directory } = ctx.store();
      const user = await directory.createUser({ name: unique("carol") });
      if (!("id" in user)) throw new Error("conflict");
      const tokenHash = unique("tok");
      await devices.createEnrollmentToken({ tokenHash, expiresAt: LATER });
      const spec = newDevice();
      const redeemed = await devices.redeemEnrollmentToken(tokenHash, spec, NOW);
      if (!redeemed.ok) throw new Error(redeemed.reason);
      const id = redeemed.device.id;
      expect((await devices.findDeviceByCredentialHash(spec.credentialHash))?.id).toBe(id);
      await devices.touchDevice(id, "2026-06-01T13:00:00.000Z", "0.2.0");
      expect(await devices.getDevice(id)).toMatchObject({
        lastSeenAt: "2026-06-01T13:00:00.000Z",
        agentVersion: "0.2.0",
      });
      expect(await devices.assignDeviceUser(id, user.id)).toBe(true);
      expect((await devices.listDevices({ userId: user.id })).map((d) => d.id)).toEqual([id]);
      expect(await devices.revokeDevice(id, LATER)).toBe(true);
      expect(await devices.revokeDevice(id, LATER)).toBe(false);
      expect((await devices.getDevice(id))?.revokedAt).toBe(LATER);
      expect(await devices.getDevice("nope")).toBeNull();
    });
  });

  describe("signing keys", () => {
    it("keeps several keys active for a rotation, the signer first, and retires them once", async () => {
      const { signingKeys } = ctx.store();
      const [k1, k2, k3] = [unique("kid"), unique("kid"), unique("kid")];
      const first = await signingKeys.addSigningKey({
        id: k1,
        publicKeyPem: "PUB1",
        privateKeyPem: "PRIV1",
        signing: true,
      });
      expect(first).toMatchObject({ id: k1, retiredAt: null, signingSince: first.createdAt });
      // A new key is trusted but does not sign until it is promoted.
      expect(await signingKeys.addSigningKey({ id: k2, publicKeyPem: "PUB2", privateKeyPem: "PRIV2" })).toMatchObject({
        signingSince: null,
      });
      const ids = async () =>
        (await signingKeys.listActiveSigningKeys()).map((k) => k.id).filter((id) => [k1, k2, k3].includes(id));
      expect((await signingKeys.listActiveSigningKeys())[0]?.id).toBe(k1);
      expect(await ids()).toEqual([k1, k2]);

      expect(await signingKeys.promoteSigningKey(k2, LATER)).toBe(true);
      expect((await signingKeys.listActiveSigningKeys())[0]?.id).toBe(k2);
      expect(await ids()).toEqual([k2, k1]);
      expect((await signingKeys.getSigningKey(k2))?.signingSince).toBe(LATER);
      await signingKeys.addSigningKey({ id: k3, publicKeyPem: "PUB3", privateKeyPem: "PRIV3" });
      expect(await ids()).toEqual([k2, k3, k1]);

      expect(await signingKeys.retireSigningKey(k1, NOW)).toBe(true);
      expect(await signingKeys.retireSigningKey(k1, NOW)).toBe(false);
      expect(await signingKeys.promoteSigningKey(k1, LATER)).toBe(false);
      expect(await signingKeys.promoteSigningKey("nope", LATER)).toBe(false);
      expect(await ids()).toEqual([k2, k3]);
      expect(await signingKeys.getSigningKey(k1)).toMatchObject({
        publicKeyPem: "PUB1",
        privateKeyPem: "PRIV1",
        retiredAt: NOW,
      });
      expect((await signingKeys.listSigningKeys()).map((k) => k.id).slice(0, 3)).toEqual([k3, k2, k1]);
    });

    it("purges the private keys of keys retired by a time, once each, keeping their public keys", async () => {
      const { signingKeys } = ctx.store();
      const [early, late, active] = [unique("kid"), unique("kid"), unique("kid")];
      for (const id of [early, late, active]) {
        await signingKeys.addSigningKey({ id, publicKeyPem: `PUB-${id}`, privateKeyPem: `PRIV-${id}` });
      }
      await signingKeys.retireSigningKey(early, "2020-01-01T00:00:00.000Z");
      await signingKeys.retireSigningKey(late, "2020-01-01T00:00:00.001Z");
      // Other tests share the store: only this test's keys are looked at (none of theirs retired in 2020).
      const mine = (ids: string[]) => ids.filter((id) => [early, late, active].includes(id));
      expect(mine(await signingKeys.purgeRetiredPrivateKeys("2020-01-01T00:00:00.000Z"))).toEqual([early]);
      expect(mine(await signingKeys.purgeRetiredPrivateKeys("2020-01-01T00:00:00.000Z"))).toEqual([]);
      expect(await signingKeys.getSigningKey(early)).toMatchObject({
        publicKeyPem: `PUB-${early}`,
        privateKeyPem: null,
        retiredAt: "2020-01-01T00:00:00.000Z",
      });
      expect((await signingKeys.getSigningKey(late))?.privateKeyPem).toBe(`PRIV-${late}`);
      expect(mine(await signingKeys.purgeRetiredPrivateKeys(LATER))).toEqual([late]);
      expect((await signingKeys.getSigningKey(active))?.privateKeyPem).toBe(`PRIV-${active}`);
      expect((await signingKeys.listSigningKeys()).find((k) => k.id === late)?.privateKeyPem).toBeNull();
    });
  });

  describe("audit chain bindings", () => {
    async function enrolled(): Promise<string> {
      const { devices } = ctx.store();
      const tokenHash = unique("tok");
      await devices.createEnrollmentToken({ tokenHash, expiresAt: LATER });
      const redeemed = await devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW);
      if (!redeemed.ok) throw new Error(redeemed.reason);
      return redeemed.device.id;
    }

    it("binds a chain to the first device that ships it, and keeps it there", async () => {
      const { devices } = ctx.store();
      const [a, b] = [await enrolled(), await enrolled()];
      const chain = unique("chain");
      expect(await devices.getAuditChainDevice(chain)).toBeNull();
      expect(await devices.bindAuditChain(chain, a, NOW)).toBe(a);
      expect(await devices.bindAuditChain(chain, b, LATER)).toBe(a);
      expect(await devices.bindAuditChain(chain, a, LATER)).toBe(a);
      expect(await devices.getAuditChainDevice(chain)).toBe(a);
    });

    it("lets exactly one of two concurrent binds of a chain win", async () => {
      const { devices } = ctx.store();
      const [a, b] = [await enrolled(), await enrolled()];
      for (let round = 0; round < 5; round++) {
        const chain = unique("chain");
        const owners = await Promise.all([
          devices.bindAuditChain(chain, a, NOW),
          devices.bindAuditChain(chain, b, NOW),
        ]);
        expect(owners[0]).toBe(owners[1]);
        expect([a, b]).toContain(owners[0]);
      }
    });
  });

  describe("bundles", () => {
    async function device(): Promise<string> {
      const { devices } = ctx.store();
      const tokenHash = unique("tok");
      await devices.createEnrollmentToken({ tokenHash, expiresAt: LATER });
      const redeemed = await devices.redeemEnrollmentToken(tokenHash, newDevice(), NOW);
      if (!redeemed.ok) throw new Error(redeemed.reason);
      return redeemed.device.id;
    }

    it("stores a new revision per device when the ETag changes, and keeps the current one otherwise", async () => {
      const { bundles } = ctx.store();
      const [d1, d2] = [await device(), await device()];
      const put = (deviceId: string, etag: string) =>
        bundles.putBundle({
          deviceId,
          etag,
          body: `{"etag":"${etag}"}`,
          signingKeyId: "k1",
          policyId: "p1",
          policyRevision: 3,
        });
      const first = await put(d1, '"a"');
      expect(first).toMatchObject({ created: true, bundle: { revision: 1, etag: '"a"', policyRevision: 3 } });
      expect(await put(d1, '"a"')).toMatchObject({ created: false, bundle: { revision: 1 } });
      expect(await put(d1, '"b"')).toMatchObject({ created: true, bundle: { revision: 2, body: '{"etag":""b""}' } });
      expect(await put(d2, '"b"')).toMatchObject({ created: true, bundle: { revision: 1 } });
      expect(await bundles.getCurrentBundleEtag(d1)).toEqual({ revision: 2, etag: '"b"' });
      expect((await bundles.getCurrentBundle(d1))?.revision).toBe(2);
      expect((await bundles.getBundle(d1, 1))?.etag).toBe('"a"');
      expect(await bundles.getCurrentBundle("nope")).toBeNull();
      expect(await bundles.getCurrentBundleEtag("nope")).toBeNull();
    });
  });
}
