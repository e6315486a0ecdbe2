import type { PolicyContent, PolicyRevisionRow } from "@warden/core";
import { HttpError, notFound } from "../http-error.ts";
import { unifiedDiff } from "../policies/diff-lines.ts";
import { checkPolicyContent, POLICY_FILE_NAMES } from "../policies/validate-policy-content.ts";
import { integer, nullable, object, optional, string } from "../schema/schema.ts";
import { PAGE_QUERY, paginate } from "./paginate.ts";
import { callerOf, created, defineRoute, noContent, ok, type RouteServices } from "./route.ts";

/** Names of policies, users and groups: what a URL and a shell can carry without quoting. */
export const NAME = string({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]*$/ });
const TOML = string({ maxLength: 512 * 1024 });
const MESSAGE = optional(string({ maxLength: 1000 }));

const contentFields = {
  requirementsToml: TOML,
  managedConfigToml: optional(nullable(TOML)),
  hookPolicyToml: optional(nullable(TOML)),
  message: MESSAGE,
};

function contentOf(body: {
  requirementsToml: string;
  managedConfigToml?: string | null;
  hookPolicyToml?: string | null;
}) {
  return {
    requirementsToml: body.requirementsToml,
    managedConfigToml: body.managedConfigToml ?? null,
    hookPolicyToml: body.hookPolicyToml ?? null,
  } satisfies PolicyContent;
}

async function requirePolicy(services: RouteServices, id: string) {
  const policy = await services.store.policies.getPolicy(id);
  if (policy === null) throw notFound("policy", id);
  return policy;
}

async function requireRevision(services: RouteServices, policyId: string, raw: string | null, name: string) {
  const revision = Number(raw);
  if (raw === null || !Number.isInteger(revision) || revision < 1) {
    throw new HttpError("invalid_request", `${name}: must be a revision number (1, 2, …)`, { [name]: raw });
  }
  const row = await services.store.policies.getRevision(policyId, revision);
  if (row === null) throw notFound("revision", `${policyId}@${revision}`);
  return row;
}

/** The policy routes: CRUD, revisions, diff and rollback. Every save is validated and logged. */
export const POLICY_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/v1/policies",
    summary: "List policies, by name",
    tag: "policies",
    permission: "policies:read",
    query: PAGE_QUERY,
    success: { status: 200, description: "a page of policies" },
    handle: async ({ query, services }) => ok(paginate(await services.store.policies.listPolicies(), query)),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/policies",
    summary: "Create a policy (revision 1); refused with the diagnostics when invalid",
    tag: "policies",
    permission: "policies:write",
    body: object({ name: NAME, description: optional(string({ maxLength: 1000 })), ...contentFields }),
    errors: ["policy_invalid", "conflict"],
    success: { status: 201, description: "the policy, its first revision and any warnings" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      const content = contentOf(body);
      const diagnostics = checkPolicyContent(content, services.now());
      const saved = await services.store.transaction(async (tx) => {
        const result = await tx.policies.createPolicy({
          name: body.name,
          description: body.description ?? "",
          content,
          author: actor,
          message: body.message ?? "created",
        });
        if ("conflict" in result) throw new HttpError("conflict", `a policy named ${body.name} already exists`);
        await tx.activity.appendActivity({
          actor,
          action: "policy.create",
          targetType: "policy",
          targetId: result.policy.id,
          beforeRevision: null,
          afterRevision: result.revision.revision,
          details: { name: body.name },
        });
        return result;
      });
      return created({ ...saved, diagnostics });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/policies/:id",
    summary: "A policy with the content of its current revision",
    tag: "policies",
    permission: "policies:read",
    errors: ["not_found"],
    success: { status: 200, description: "the policy and its current revision" },
    async handle({ params, services }) {
      const policy = await requirePolicy(services, params.id!);
      const revision = await services.store.policies.getRevision(policy.id, policy.currentRevision);
      return ok({ policy, revision });
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/v1/policies/:id",
    summary: "Save new content as a new revision (409 when expectedRevision is stale)",
    tag: "policies",
    permission: "policies:write",
    body: object({ ...contentFields, expectedRevision: optional(integer({ minimum: 1 })) }),
    errors: ["not_found", "policy_invalid", "conflict"],
    success: { status: 200, description: "the policy, its new revision and any warnings" },
    async handle(input) {
      const { body, params, services } = input;
      const { actor } = callerOf(input);
      const content = contentOf(body);
      const diagnostics = checkPolicyContent(content, services.now());
      const saved = await services.store.transaction(async (tx) => {
        const result = await tx.policies.savePolicy(params.id!, {
          content,
          author: actor,
          message: body.message ?? "",
          ...(body.expectedRevision === undefined ? {} : { expectedRevision: body.expectedRevision }),
        });
        if (result === null) throw notFound("policy", params.id!);
        if ("conflict" in result) {
          throw new HttpError("conflict", `the policy is at revision ${result.currentRevision}, not the expected one`, {
            currentRevision: result.currentRevision,
          });
        }
        await tx.activity.appendActivity({
          actor,
          action: "policy.save",
          targetType: "policy",
          targetId: result.policy.id,
          beforeRevision: result.revision.revision - 1,
          afterRevision: result.revision.revision,
          details: { message: body.message ?? "" },
        });
        return result;
      });
      return ok({ ...saved, diagnostics });
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/policies/:id",
    summary: "Delete a policy and its revisions (409 while a group rule or the default uses it)",
    tag: "policies",
    permission: "policies:write",
    errors: ["not_found", "conflict"],
    success: { status: 204, description: "deleted" },
    async handle(input) {
      const { params, services } = input;
      const { actor } = callerOf(input);
      await services.store.transaction(async (tx) => {
        const policy = await tx.policies.getPolicy(params.id!);
        if (policy === null) throw notFound("policy", params.id!);
        const outcome = await tx.policies.deletePolicy(policy.id);
        if (outcome === "not_found") throw notFound("policy", params.id!);
        if (outcome === "in_use")
          throw new HttpError("conflict", "the policy is used by a group rule or is the default policy");
        await tx.activity.appendActivity({
          actor,
          action: "policy.delete",
          targetType: "policy",
          targetId: policy.id,
          beforeRevision: policy.currentRevision,
          afterRevision: null,
          details: { name: policy.name },
        });
      });
      return noContent();
    },
  }),
  ...revisionRoutes(),
];

function revisionRoutes() {
  return [
    defineRoute({
      method: "GET",
      path: "/v1/policies/:id/revisions",
      summary: "A policy's revisions, newest first",
      tag: "policies",
      permission: "policies:read",
      query: PAGE_QUERY,
      errors: ["not_found"],
      success: { status: 200, description: "a page of revisions" },
      async handle({ params, query, services }) {
        const policy = await requirePolicy(services, params.id!);
        return ok(paginate(await services.store.policies.listRevisions(policy.id), query));
      },
    }),
    defineRoute({
      method: "GET",
      path: "/v1/policies/:id/revisions/:revision",
      summary: "One revision of a policy",
      tag: "policies",
      permission: "policies:read",
      errors: ["not_found"],
      success: { status: 200, description: "the revision" },
      handle: async ({ params, services }) =>
        ok(await requireRevision(services, params.id!, params.revision ?? null, "revision")),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/policies/:id/diff",
      summary: "A unified diff of each file between two revisions (?from=N&to=M; to defaults to current)",
      tag: "policies",
      permission: "policies:read",
      query: [
        { name: "from", description: "the older revision", type: "integer" },
        { name: "to", description: "the newer revision (default: current)", type: "integer" },
      ],
      errors: ["not_found"],
      success: { status: 200, description: "per file: whether it changed and the unified diff" },
      async handle({ params, query, services }) {
        const policy = await requirePolicy(services, params.id!);
        const from = await requireRevision(services, policy.id, query.get("from"), "from");
        const to = await requireRevision(services, policy.id, query.get("to") ?? String(policy.currentRevision), "to");
        return ok({ policyId: policy.id, from: from.revision, to: to.revision, files: diffRevisions(from, to) });
      },
    }),
    defineRoute({
      method: "POST",
      path: "/v1/policies/:id/rollback",
      summary: "Copy an older revision's content into a new revision",
      tag: "policies",
      permission: "policies:write",
      body: object({ toRevision: integer({ minimum: 1 }), message: MESSAGE }),
      errors: ["not_found"],
      success: { status: 200, description: "the policy and its new revision" },
      async handle(input) {
        const { body, params, services } = input;
        const { actor } = callerOf(input);
        const saved = await services.store.transaction(async (tx) => {
          const policy = await tx.policies.getPolicy(params.id!);
          if (policy === null) throw notFound("policy", params.id!);
          const result = await tx.policies.rollbackPolicy(policy.id, {
            toRevision: body.toRevision,
            author: actor,
            message: body.message ?? `rollback to revision ${body.toRevision}`,
          });
          if (result === null) throw notFound("revision", `${policy.id}@${body.toRevision}`);
          await tx.activity.appendActivity({
            actor,
            action: "policy.rollback",
            targetType: "policy",
            targetId: policy.id,
            beforeRevision: policy.currentRevision,
            afterRevision: result.revision.revision,
            details: { toRevision: body.toRevision },
          });
          return result;
        });
        return ok(saved);
      },
    }),
  ];
}

function diffRevisions(from: PolicyRevisionRow, to: PolicyRevisionRow) {
  return (Object.keys(POLICY_FILE_NAMES) as (keyof typeof POLICY_FILE_NAMES)[]).map((field) => {
    const before = from[field];
    const after = to[field];
    const file = POLICY_FILE_NAMES[field];
    const diff = unifiedDiff(before ?? "", after ?? "", {
      from: `${file}@${from.revision}${before === null ? " (absent)" : ""}`,
      to: `${file}@${to.revision}${after === null ? " (absent)" : ""}`,
    });
    return { file, changed: before !== after, diff };
  });
}
