import { resolvePolicyForUser } from "@warden/core";
import { sql } from "kysely";
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

  describe("directory: SCIM fields", () => {
    it("creates a user with a SCIM profile, finds it by name ignoring case and by external id, and updates it", async () => {
      const { directory } = ctx.store();
      const name = unique("Dana.Scully@Example.com");
      const externalId = unique("00u1");
      const emails = [{ value: "dana@example.com", type: "work", primary: true }];
      const user = await directory.createUser({
        name,
        displayName: "Dana Scully",
        externalId,
        givenName: "Dana",
        familyName: "Scully",
        formattedName: "Dana Katherine Scully",
        emails,
      });
      if (!("id" in user)) throw new Error("conflict");
      expect(user).toMatchObject({ name, externalId, active: true, givenName: "Dana", emails, version: 1 });
      expect(user.updatedAt).toBe(user.createdAt);
      expect(await directory.getUser(user.id)).toEqual(user);
      expect(await directory.findUsers({ field: "name", value: name.toUpperCase() })).toEqual([user]);
      expect(await directory.findUsers({ field: "name", value: `${name}x` })).toEqual([]);
      expect(await directory.findUsers({ field: "externalId", value: externalId })).toEqual([user]);
      // External ids are exact (RFC 7643: caseExact).
      expect(await directory.findUsers({ field: "externalId", value: externalId.toUpperCase() })).toEqual([]);

      const renamed = unique("fox");
      const updated = await directory.updateUser(user.id, {
        name: renamed,
        active: false,
        givenName: null,
        emails: [],
      });
      expect(updated).toMatchObject({
        id: user.id,
        name: renamed,
        displayName: "Dana Scully",
        externalId,
        active: false,
        givenName: null,
        familyName: "Scully",
        emails: [],
        version: 2,
      });
      if (updated === null || "conflict" in updated) throw new Error("not updated");
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(user.updatedAt));
      expect(await directory.getUser(user.id)).toEqual(updated);

      const other = await directory.createUser({ name: unique("other") });
      if (!("id" in other)) throw new Error("conflict");
      expect(other).toMatchObject({ active: true, externalId: null, emails: [], givenName: null });
      expect(await directory.updateUser(other.id, { name: renamed })).toEqual({ conflict: "name_taken" });
      expect(await directory.updateUser(other.id, { name: other.name })).toMatchObject({ version: 2 });
      expect(await directory.updateUser("nobody", { active: true })).toBeNull();
    });

    it("counts no group for a deactivated user's policy, keeping its memberships", async () => {
      const { directory } = ctx.store();
      const user = await directory.createUser({ name: unique("erin") });
      if (!("id" in user)) throw new Error("conflict");
      const [g1, g2] = [await group(), await group()];
      await directory.addMember(g1, user.id);
      await directory.addMember(g2, user.id);
      const both = [g1, g2].sort();
      expect(await directory.listPolicyGroupIdsOfUser(user.id)).toEqual(both);
      await directory.updateUser(user.id, { active: false });
      expect(await directory.listPolicyGroupIdsOfUser(user.id)).toEqual([]);
      expect((await directory.listGroupIdsOfUser(user.id)).sort()).toEqual(both);
      expect((await directory.listGroupsOfUser(user.id)).map((g) => g.id).sort()).toEqual(both);
      await directory.updateUser(user.id, { active: true });
      expect(await directory.listPolicyGroupIdsOfUser(user.id)).toEqual(both);
      expect(await directory.listPolicyGroupIdsOfUser("nobody")).toEqual([]);
    });

    it("creates, finds and renames groups, and bumps a group's version when its members change", async () => {
      const { directory } = ctx.store();
      const name = unique("Platform Eng");
      const externalId = unique("grp");
      const created = await directory.createGroup({ name, externalId });
      if (!("id" in created)) throw new Error("conflict");
      expect(created).toMatchObject({ name, externalId, version: 1 });
      expect(await directory.findGroups({ field: "name", value: name.toLowerCase() })).toEqual([created]);
      expect(await directory.findGroups({ field: "externalId", value: externalId })).toEqual([created]);

      const user = await directory.createUser({ name: unique("frank") });
      if (!("id" in user)) throw new Error("conflict");
      await directory.addMember(created.id, user.id);
      expect((await directory.getGroup(created.id))?.version).toBe(2);
      await directory.addMember(created.id, user.id);
      expect((await directory.getGroup(created.id))?.version).toBe(2);
      expect(await directory.removeMember(created.id, user.id)).toBe(true);
      expect(await directory.removeMember(created.id, user.id)).toBe(false);
      expect((await directory.getGroup(created.id))?.version).toBe(3);
      await directory.addMember(created.id, user.id);
      expect(await directory.deleteUser(user.id)).toBe(true);
      expect((await directory.getGroup(created.id))?.version).toBe(5);

      const renamed = unique("platform");
      expect(await directory.updateGroup(created.id, { name: renamed, externalId: null })).toMatchObject({
        id: created.id,
        name: renamed,
        externalId: null,
        version: 6,
      });
      const other = await directory.createGroup({ name: unique("other") });
      if (!("id" in other)) throw new Error("conflict");
      expect(await directory.updateGroup(other.id, { name: renamed })).toEqual({ conflict: "name_taken" });
      expect(await directory.updateGroup("nobody", { name: unique("x") })).toBeNull();
    });

    it("upgrades users and groups made before migration 4: active, no SCIM fields, version 1", async () => {
      const location = await ctx.databases.create();
      const old = await ctx.databases.open(location, { migrateTo: 3, now: () => 1_700_000_000_000 });
      await sql`insert into users (id, name, display_name, created_at) values ('u1', 'old', 'Old', 1700000000000)`.execute(
        old.db,
      );
      await sql`insert into groups (id, name, created_at) values ('g1', 'old-group', 1700000000000)`.execute(old.db);
      await sql`insert into group_members (group_id, user_id) values ('g1', 'u1')`.execute(old.db);
      await old.close();

      const upgraded = await ctx.databases.open(location);
      const at = new Date(1_700_000_000_000).toISOString();
      expect(await upgraded.directory.getUser("u1")).toEqual({
        id: "u1",
        name: "old",
        displayName: "Old",
        externalId: null,
        active: true,
        givenName: null,
        familyName: null,
        formattedName: null,
        emails: [],
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      expect(await upgraded.directory.getGroup("g1")).toEqual({
        id: "g1",
        name: "old-group",
        externalId: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      expect(await upgraded.directory.listPolicyGroupIdsOfUser("u1")).toEqual(["g1"]);
      expect(await upgraded.directory.findUsers({ field: "name", value: "OLD" })).toHaveLength(1);
    });

    it("runs SCIM changes inside a store transaction and rolls them back with it", async () => {
      const store = ctx.store();
      const user = await store.directory.createUser({ name: unique("gina") });
      if (!("id" in user)) throw new Error("conflict");
      await expect(
        store.transaction(async (tx) => {
          await tx.directory.updateUser(user.id, { active: false, displayName: "Gone" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      expect(await store.directory.getUser(user.id)).toEqual(user);
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
