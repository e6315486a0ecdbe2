import { resolvePolicyForUser } from "@warden/core";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, unique } from "./conformance-context.ts";

/** Users, groups, rules and resolution; principals, roles and API keys. */
export function directoryConformance(ctx: ConformanceContext): void {
  async function policyId(): Promise<string> {
    const created = await ctx.store().policies.createPolicy({
      name: unique("policy"),
      content: { requirementsToml: "", managedConfigToml: null, hookPolicyToml: null },
      author: { kind: "system", id: null },
    });
    if (!("policy" in created)) throw new Error("conflict");
    return created.policy.id;
  }

  async function group(): Promise<string> {
    const created = await ctx.store().directory.createGroup({ name: unique("group") });
    if (!("id" in created)) throw new Error("conflict");
    return created.id;
  }

  describe("directory", () => {
    it("keeps users, groups and memberships", async () => {
      const { directory } = ctx.store();
      const name = unique("alice");
      const user = await directory.createUser({ name, displayName: "Alice" });
      if (!("id" in user)) throw new Error("conflict");
      expect(await directory.createUser({ name })).toEqual({ conflict: "name_taken" });
      expect(await directory.getUserByName(name)).toEqual(user);
      const [g1, g2] = [await group(), await group()];
      await directory.addMember(g1, user.id);
      await directory.addMember(g1, user.id);
      await directory.addMember(g2, user.id);
      expect((await directory.listGroupIdsOfUser(user.id)).sort()).toEqual([g1, g2].sort());
      expect((await directory.listMembers(g1)).map((u) => u.id)).toEqual([user.id]);
      expect(await directory.removeMember(g2, user.id)).toBe(true);
      expect(await directory.removeMember(g2, user.id)).toBe(false);
      expect(await directory.listGroupIdsOfUser(user.id)).toEqual([g1]);
      expect(await directory.deleteUser(user.id)).toBe(true);
      expect(await directory.listMembers(g1)).toEqual([]);
      expect(await directory.deleteGroup(g1)).toBe("deleted");
      expect(await directory.getGroup(g1)).toBeNull();
    });

    it("stores the ordered rules and resolves a user's policy by the first matching rule, else the default", async () => {
      const { directory } = ctx.store();
      const [gEng, gSec, gAll, gNone] = [await group(), await group(), await group(), await group()];
      const [pEng, pSec, pAll, pDefault] = [await policyId(), await policyId(), await policyId(), await policyId()];
      await directory.setGroupRules([
        { groupId: gSec, policyId: pSec },
        { groupId: gEng, policyId: pEng },
        { groupId: gAll, policyId: pAll },
      ]);
      await directory.setDefaultPolicy(pDefault);
      const rules = await directory.listGroupRules();
      expect(rules).toEqual([
        { position: 0, groupId: gSec, policyId: pSec },
        { position: 1, groupId: gEng, policyId: pEng },
        { position: 2, groupId: gAll, policyId: pAll },
      ]);
      expect(await directory.deleteGroup(gSec)).toBe("in_use");

      const resolve = async (groups: string[]) => {
        const user = await directory.createUser({ name: unique("user") });
        if (!("id" in user)) throw new Error("conflict");
        for (const g of groups) await directory.addMember(g, user.id);
        const ruleList = (await directory.listGroupRules()).map((r) => ({ groupId: r.groupId, policy: r.policyId }));
        return resolvePolicyForUser(
          await directory.listGroupIdsOfUser(user.id),
          ruleList,
          await directory.getDefaultPolicy(),
        ).policy;
      };
      expect(await resolve([gAll, gEng])).toBe(pEng);
      expect(await resolve([gAll, gEng, gSec])).toBe(pSec);
      expect(await resolve([gAll])).toBe(pAll);
      expect(await resolve([gNone])).toBe(pDefault);

      await directory.setGroupRules([{ groupId: gAll, policyId: pAll }]);
      expect(await directory.listGroupRules()).toEqual([{ position: 0, groupId: gAll, policyId: pAll }]);
      await directory.setGroupRules([]);
      await directory.setDefaultPolicy(null);
      expect(await directory.listGroupRules()).toEqual([]);
      expect(await directory.getDefaultPolicy()).toBeNull();
    });
  });

  describe("credentials", () => {
    it("keeps principals with roles", async () => {
      const { credentials } = ctx.store();
      const name = unique("owner@example.com");
      const owner = await credentials.createPrincipal({ name, role: "owner", passwordHash: "scrypt$x" });
      if (!("id" in owner)) throw new Error("conflict");
      expect(await credentials.createPrincipal({ name, role: "viewer" })).toEqual({ conflict: "name_taken" });
      const before = await credentials.countPrincipalsWithRole("auditor");
      const updated = await credentials.updatePrincipal(owner.id, { role: "auditor" });
      expect(updated).toMatchObject({ role: "auditor", passwordHash: "scrypt$x", disabledAt: null });
      expect(await credentials.countPrincipalsWithRole("auditor")).toBe(before + 1);
      const disabled = await credentials.updatePrincipal(owner.id, { disabledAt: "2026-02-01T00:00:00.000Z" });
      expect(disabled?.disabledAt).toBe("2026-02-01T00:00:00.000Z");
      expect(await credentials.countPrincipalsWithRole("auditor")).toBe(before);
      expect(await credentials.getPrincipalByName(name)).toEqual(disabled);
      expect(await credentials.updatePrincipal("nobody", { role: "admin" })).toBeNull();
    });

    it("finds an API key by its secret hash, with its scopes and principal, and revokes it once", async () => {
      const { credentials } = ctx.store();
      const principal = await credentials.createPrincipal({ name: unique("ci@example.com"), role: "admin" });
      if (!("id" in principal)) throw new Error("conflict");
      const secretHash = unique("sha256");
      const key = await credentials.createApiKey({
        principalId: principal.id,
        name: "ci",
        prefix: "wdn_abc",
        secretHash,
        scopes: ["policies:write", "audit:read"],
        expiresAt: "2027-01-01T00:00:00.000Z",
      });
      const found = await credentials.findApiKeyBySecretHash(secretHash);
      expect(found?.key).toEqual(key);
      expect(found?.key.scopes).toEqual(["policies:write", "audit:read"]);
      expect(found?.principal.id).toBe(principal.id);
      expect(await credentials.findApiKeyBySecretHash("nope")).toBeNull();
      await credentials.touchApiKey(key.id, "2026-03-01T10:00:00.000Z");
      expect((await credentials.listApiKeys(principal.id))[0]?.lastUsedAt).toBe("2026-03-01T10:00:00.000Z");
      expect(await credentials.revokeApiKey(key.id, "2026-03-02T00:00:00.000Z")).toBe(true);
      expect(await credentials.revokeApiKey(key.id, "2026-03-03T00:00:00.000Z")).toBe(false);
      expect((await credentials.findApiKeyBySecretHash(secretHash))?.key.revokedAt).toBe("2026-03-02T00:00:00.000Z");
    });
  });
}
