import type { ControlPlaneRepositories } from "@warden/core";
import { HttpError, notFound } from "../http-error.ts";
import { array, nullable, object, string } from "../schema/schema.ts";
import { callerOf, defineRoute, ok } from "./route.ts";

const ID = string({ minLength: 1, maxLength: 200 });
const RULE = object({ groupId: ID, policyId: ID });

type Rule = { groupId: string; policyId: string };

/** Refuses a rule list naming an unknown group or policy (404) or the same group twice (400: the later rule could never match). */
async function checkRules(tx: ControlPlaneRepositories, rules: readonly Rule[]): Promise<void> {
  const seen = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    if (seen.has(rule.groupId)) {
      throw new HttpError("invalid_request", `rules.${index}.groupId: group ${rule.groupId} already has a rule above`, {
        issues: [{ path: `rules.${index}.groupId`, message: "duplicate group" }],
      });
    }
    seen.add(rule.groupId);
    if ((await tx.directory.getGroup(rule.groupId)) === null) throw notFound("group", rule.groupId);
    if ((await tx.policies.getPolicy(rule.policyId)) === null) throw notFound("policy", rule.policyId);
  }
}

async function replaceRules(
  tx: ControlPlaneRepositories,
  actor: Parameters<ControlPlaneRepositories["activity"]["appendActivity"]>[0]["actor"],
  action: string,
  rules: readonly Rule[],
) {
  const before = (await tx.directory.listGroupRules()).map(({ groupId, policyId }) => ({ groupId, policyId }));
  await tx.directory.setGroupRules(rules);
  const after = await tx.directory.listGroupRules();
  await tx.activity.appendActivity({
    actor,
    action,
    targetType: "group_rules",
    targetId: null,
    beforeRevision: null,
    afterRevision: null,
    details: { before, after: rules },
  });
  return { data: after };
}

/** The ordered group rules (first match wins) and the default policy. */
export const GROUP_RULE_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/v1/group-rules",
    summary: "The ordered group rules; the first rule whose group holds the user decides its policy",
    tag: "assignment",
    permission: "directory:read",
    success: { status: 200, description: "{data: rules in order}" },
    handle: async ({ services }) => ok({ data: await services.store.directory.listGroupRules() }),
  }),
  defineRoute({
    method: "PUT",
    path: "/v1/group-rules",
    summary: "Replace the whole ordered rule list",
    tag: "assignment",
    permission: "directory:write",
    body: object({ rules: array(RULE, { maxItems: 1000 }) }),
    errors: ["not_found"],
    success: { status: 200, description: "{data: the new rules in order}" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      return ok(
        await services.store.transaction(async (tx) => {
          await checkRules(tx, body.rules);
          return replaceRules(tx, actor, "group_rules.set", body.rules);
        }),
      );
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/group-rules/reorder",
    summary: "Reorder the rules: `order` lists every rule's groupId in the new order",
    tag: "assignment",
    permission: "directory:write",
    body: object({ order: array(ID, { maxItems: 1000 }) }),
    errors: ["conflict"],
    success: { status: 200, description: "{data: the rules in their new order}" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      return ok(
        await services.store.transaction(async (tx) => {
          const current = await tx.directory.listGroupRules();
          const byGroup = new Map(current.map((rule) => [rule.groupId, rule]));
          const permutation = body.order.length === current.length && new Set(body.order).size === body.order.length;
          if (!permutation || body.order.some((groupId) => !byGroup.has(groupId))) {
            throw new HttpError("conflict", "order must list the groupId of every current rule exactly once", {
              current: current.map((rule) => rule.groupId),
            });
          }
          const rules = body.order.map((groupId) => ({ groupId, policyId: byGroup.get(groupId)!.policyId }));
          return replaceRules(tx, actor, "group_rules.reorder", rules);
        }),
      );
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/default-policy",
    summary: "The policy of users no rule matches",
    tag: "assignment",
    permission: "directory:read",
    success: { status: 200, description: "{policyId} (null when none)" },
    handle: async ({ services }) => ok({ policyId: await services.store.directory.getDefaultPolicy() }),
  }),
  defineRoute({
    method: "PUT",
    path: "/v1/default-policy",
    summary: "Set (or clear, with null) the default policy",
    tag: "assignment",
    permission: "directory:write",
    body: object({ policyId: nullable(ID) }),
    errors: ["not_found"],
    success: { status: 200, description: "{policyId}" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      await services.store.transaction(async (tx) => {
        if (body.policyId !== null && (await tx.policies.getPolicy(body.policyId)) === null)
          throw notFound("policy", body.policyId);
        const before = await tx.directory.getDefaultPolicy();
        await tx.directory.setDefaultPolicy(body.policyId);
        await tx.activity.appendActivity({
          actor,
          action: "default_policy.set",
          targetType: "default_policy",
          targetId: body.policyId,
          beforeRevision: null,
          afterRevision: null,
          details: { before, after: body.policyId },
        });
      });
      return ok({ policyId: body.policyId });
    },
  }),
];
