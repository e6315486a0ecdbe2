import type { Store } from "@warden/store";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { chain } from "./audit-fixtures.ts";
import { type ConformanceContext, unique } from "./conformance-context.ts";

const CONTENT = { requirementsToml: "x = 1\n", managedConfigToml: null, hookPolicyToml: null };
const SYSTEM = { kind: "system", id: null } as const;

async function newPolicy(store: Store) {
  const created = await store.policies.createPolicy({ name: unique("gen"), content: CONTENT, author: SYSTEM });
  if (!("policy" in created)) throw new Error("policy name taken");
  return created.policy;
}

/** A device enrolled through the store, as `POST /v1/devices/enroll` does it; returns its id. */
async function enrolledDevice(store: Store): Promise<string> {
  const token = await store.devices.createEnrollmentToken({
    tokenHash: unique("t"),
    expiresAt: "2030-01-01T00:00:00.000Z",
  });
  const redeemed = await store.devices.redeemEnrollmentToken(
    token.tokenHash,
    { hostname: "h", credentialHash: unique("cred"), platform: "linux-x64", agentVersion: "0.1.0" },
    "2026-01-01T00:00:00.000Z",
  );
  if (!redeemed.ok) throw new Error(redeemed.reason);
  return redeemed.device.id;
}

/** The bundle inputs generation: bumped in the same commit by every change a bundle is built from. */
export function bundleGenerationConformance(ctx: ConformanceContext): void {
  describe("bundle inputs generation", () => {
    /** Runs `change` and says whether the generation moved. */
    async function bumps(change: () => Promise<unknown>): Promise<boolean> {
      const before = await ctx.store().bundles.getInputsGeneration();
      await change();
      return (await ctx.store().bundles.getInputsGeneration()) !== before;
    }

    it("moves with every change to policies, the directory, rules, the default policy and signing keys", async () => {
      const store = ctx.store();
      const policy = await newPolicy(store);
      const user = await store.directory.createUser({ name: unique("gen-user") });
      const group = await store.directory.createGroup({ name: unique("gen-group") });
      if ("conflict" in user || "conflict" in group) throw new Error("name taken");
      const changes: Record<string, () => Promise<unknown>> = {
        "policy create": () => newPolicy(store),
        "policy save": () =>
          store.policies.savePolicy(policy.id, {
            content: { ...CONTENT, requirementsToml: "x = 2\n" },
            author: SYSTEM,
          }),
        "policy rollback": () => store.policies.rollbackPolicy(policy.id, { toRevision: 1, author: SYSTEM }),
        "membership added": () => store.directory.addMember(group.id, user.id),
        "membership removed": () => store.directory.removeMember(group.id, user.id),
        "group rules set": () => store.directory.setGroupRules([{ groupId: group.id, policyId: policy.id }]),
        "default policy set": () => store.directory.setDefaultPolicy(policy.id),
        "default policy cleared": () => store.directory.setDefaultPolicy(null),
        "user created": () => store.directory.createUser({ name: unique("gen-user") }),
        "user deleted": () => store.directory.deleteUser(user.id),
        "signing key added": () =>
          store.signingKeys.addSigningKey({ id: unique("sk"), publicKeyPem: "PUB", privateKeyPem: "PRIV" }),
        "raw SQL from another writer": () =>
          sql`update groups set name = ${unique("renamed")} where id = ${group.id}`.execute(store.db),
      };
      for (const [name, change] of Object.entries(changes)) expect(await bumps(change), name).toBe(true);
      await store.directory.setGroupRules([]);
    });

    it("stays put for writes that do not change any bundle (check-ins, bundles, audit events)", async () => {
      const store = ctx.store();
      const id = await enrolledDevice(store);
      expect(await bumps(() => store.devices.touchDevice(id, "2026-01-01T00:01:00.000Z"))).toBe(false);
      expect(
        await bumps(() =>
          store.bundles.putBundle({
            deviceId: id,
            etag: "e",
            body: "{}",
            signingKeyId: "k",
            policyId: null,
            policyRevision: null,
          }),
        ),
      ).toBe(false);
      expect(await bumps(() => store.audit.insertAuditEvents(id, chain(id, 3)))).toBe(false);
    });

    it("is read together with a device by getDeviceWithBundleGeneration, and null for an unknown device", async () => {
      const store = ctx.store();
      const id = await enrolledDevice(store);
      const first = await store.devices.getDeviceWithBundleGeneration(id);
      expect(first).toEqual({
        device: await store.devices.getDevice(id),
        bundleGeneration: await store.bundles.getInputsGeneration(),
      });
      await store.directory.createGroup({ name: unique("moved") });
      const second = await store.devices.getDeviceWithBundleGeneration(id);
      expect(second?.bundleGeneration).toBe(await store.bundles.getInputsGeneration());
      expect(second?.bundleGeneration).not.toBe(first?.bundleGeneration);
      expect(await store.devices.getDeviceWithBundleGeneration("00000000-0000-0000-0000-000000000000")).toBeNull();
    });

    it("is bumped only when the changing transaction commits", async () => {
      const store = ctx.store();
      const before = await store.bundles.getInputsGeneration();
      await expect(
        store.transaction(async (tx) => {
          await tx.directory.createGroup({ name: unique("rolled-back") });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      expect(await store.bundles.getInputsGeneration()).toBe(before);
    });
  });
}
