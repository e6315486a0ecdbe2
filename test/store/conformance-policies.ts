import type { ActorRef, PolicyContent } from "@warden/core";
import { describe, expect, it } from "vitest";
import { type ConformanceContext, unique } from "./conformance-context.ts";

const admin: ActorRef = { kind: "principal", id: "p-admin" };

function content(n: number, extra: Partial<PolicyContent> = {}): PolicyContent {
  return {
    requirementsToml: `allowed_approval_policies = ["never"] # ${n}\n`,
    managedConfigToml: null,
    hookPolicyToml: null,
    ...extra,
  };
}

/** Policies and revisions, the admin activity log, and transactions. */
export function policyConformance(ctx: ConformanceContext): void {
  describe("policies", () => {
    it("numbers revisions 1, 2, 3 and keeps every revision's content for diffs", async () => {
      const { policies } = ctx.store();
      const name = unique("policy");
      const created = await policies.createPolicy({ name, content: content(1), author: admin, message: "first" });
      if (!("policy" in created)) throw new Error("conflict");
      expect(created.policy.currentRevision).toBe(1);
      expect(created.revision).toMatchObject({ revision: 1, message: "first", author: admin, rolledBackFrom: null });
      const id = created.policy.id;
      const second = await policies.savePolicy(id, {
        content: content(2, { managedConfigToml: "model = 'x'\n" }),
        author: admin,
      });
      const third = await policies.savePolicy(id, {
        content: content(3, { hookPolicyToml: "[[rules]]\n" }),
        author: admin,
      });
      expect(second && "revision" in second && second.revision.revision).toBe(2);
      expect(third && "policy" in third && third.policy.currentRevision).toBe(3);
      expect((await policies.listRevisions(id)).map((r) => r.revision)).toEqual([3, 2, 1]);
      const [from, to] = await Promise.all([policies.getRevision(id, 1), policies.getRevision(id, 3)]);
      expect(from).toMatchObject(content(1));
      expect(to).toMatchObject(content(3, { hookPolicyToml: "[[rules]]\n" }));
      expect(await policies.getRevision(id, 4)).toBeNull();
      expect((await policies.getPolicyByName(name))?.id).toBe(id);
      expect(new Date(to!.createdAt).toISOString()).toBe(to!.createdAt);
    });

    it("refuses a duplicate name and a stale save", async () => {
      const { policies } = ctx.store();
      const name = unique("policy");
      const created = await policies.createPolicy({ name, content: content(1), author: admin });
      expect(await policies.createPolicy({ name, content: content(1), author: admin })).toEqual({
        conflict: "name_taken",
      });
      if (!("policy" in created)) throw new Error("conflict");
      await policies.savePolicy(created.policy.id, { content: content(2), author: admin, expectedRevision: 1 });
      expect(
        await policies.savePolicy(created.policy.id, { content: content(3), author: admin, expectedRevision: 1 }),
      ).toEqual({ conflict: "stale", currentRevision: 2 });
      expect(await policies.savePolicy("no-such-policy", { content: content(1), author: admin })).toBeNull();
    });

    it("gives concurrent saves distinct revisions", async () => {
      const { policies } = ctx.store();
      const created = await policies.createPolicy({ name: unique("policy"), content: content(1), author: admin });
      if (!("policy" in created)) throw new Error("conflict");
      const saves = await Promise.all(
        [2, 3, 4, 5, 6].map((n) => policies.savePolicy(created.policy.id, { content: content(n), author: admin })),
      );
      const numbers = saves.map((s) => (s && "revision" in s ? s.revision.revision : 0)).sort();
      expect(numbers).toEqual([2, 3, 4, 5, 6]);
    });

    it("rolls back by copying an old revision into a new one", async () => {
      const { policies } = ctx.store();
      const created = await policies.createPolicy({ name: unique("policy"), content: content(1), author: admin });
      if (!("policy" in created)) throw new Error("conflict");
      const id = created.policy.id;
      await policies.savePolicy(id, { content: content(2, { managedConfigToml: "a = 1\n" }), author: admin });
      const rolled = await policies.rollbackPolicy(id, { toRevision: 1, author: { kind: "api_key", id: "k1" } });
      expect(rolled?.revision).toMatchObject({ revision: 3, rolledBackFrom: 1, ...content(1) });
      expect(rolled?.revision.message).toBe("roll back to revision 1");
      expect(rolled?.policy.currentRevision).toBe(3);
      expect(await policies.rollbackPolicy(id, { toRevision: 9, author: admin })).toBeNull();
      expect((await policies.listRevisions(id)).length).toBe(3);
    });

    it("deletes a policy only when no group rule or default refers to it", async () => {
      const { policies, directory } = ctx.store();
      const created = await policies.createPolicy({ name: unique("policy"), content: content(1), author: admin });
      if (!("policy" in created)) throw new Error("conflict");
      const id = created.policy.id;
      await directory.setDefaultPolicy(id);
      expect(await policies.deletePolicy(id)).toBe("in_use");
      await directory.setDefaultPolicy(null);
      expect(await policies.deletePolicy(id)).toBe("deleted");
      expect(await policies.getRevision(id, 1)).toBeNull();
      expect(await policies.deletePolicy(id)).toBe("not_found");
    });
  });

  describe("admin activity and transactions", () => {
    it("logs who changed what with the revisions before and after, newest first, paged", async () => {
      const { activity } = ctx.store();
      const target = unique("policy");
      for (let n = 1; n <= 5; n++) {
        await activity.appendActivity({
          actor: admin,
          action: "policy.save",
          targetType: "policy",
          targetId: target,
          beforeRevision: n - 1 || null,
          afterRevision: n,
          details: { n },
        });
      }
      const first = await activity.listActivity({ targetType: "policy", targetId: target }, { limit: 2 });
      expect(first.data.map((e) => e.afterRevision)).toEqual([5, 4]);
      expect(first.data[0]).toMatchObject({
        actor: admin,
        action: "policy.save",
        beforeRevision: 4,
        details: { n: 5 },
      });
      const second = await activity.listActivity({ targetId: target }, { limit: 2, cursor: first.nextCursor });
      const third = await activity.listActivity({ targetId: target }, { limit: 2, cursor: second.nextCursor });
      expect([...second.data, ...third.data].map((e) => e.afterRevision)).toEqual([3, 2, 1]);
      expect(third.nextCursor).toBeNull();
      expect((await activity.listActivity({ actorId: "p-admin" }, { limit: 1000 })).data.length).toBeGreaterThanOrEqual(
        5,
      );
    });

    it("commits a policy save and its activity entry together, or neither", async () => {
      const store = ctx.store();
      const name = unique("policy");
      await expect(
        store.transaction(async (repos) => {
          const created = await repos.policies.createPolicy({ name, content: content(1), author: admin });
          if (!("policy" in created)) throw new Error("conflict");
          await repos.activity.appendActivity({
            actor: admin,
            action: "policy.create",
            targetType: "policy",
            targetId: created.policy.id,
            beforeRevision: null,
            afterRevision: 1,
            details: {},
          });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await store.policies.getPolicyByName(name)).toBeNull();
      const id = await store.transaction(async (repos) => {
        const created = await repos.policies.createPolicy({ name, content: content(1), author: admin });
        if (!("policy" in created)) throw new Error("conflict");
        await repos.policies.savePolicy(created.policy.id, { content: content(2), author: admin });
        return created.policy.id;
      });
      expect((await store.policies.getPolicy(id))?.currentRevision).toBe(2);
    });
  });
}
