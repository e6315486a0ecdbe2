import { explainCodex, resolvePolicyForUser, SUPPORTED_CODEX_VERSIONS } from "@warden/core";
import type { ExplainResultV1 } from "@warden/protocol";
import { HttpError, notFound } from "../http-error.ts";
import { array, nullable, object, oneOf, optional, string } from "../schema/schema.ts";
import { createMemoryFileSystem } from "../simulate/memory-file-system.ts";
import { defineRoute, ok, type RouteServices } from "./route.ts";

// Where the simulated machine keeps things; only the file names matter to Codex's messages.
const ETC = "/etc/codex";
const HOME = "/home/user";
const CODEX_HOME = `${HOME}/.codex`;
const CWD = `${HOME}/work`;

const SIMULATE_BODY = object({
  user: optional(string({ minLength: 1, maxLength: 200 })),
  groups: optional(array(string({ minLength: 1, maxLength: 200 }), { maxItems: 1000 })),
  hostname: string({ minLength: 1, maxLength: 253 }),
  userConfigToml: optional(string({ maxLength: 512 * 1024 })),
  profile: optional(nullable(string({ minLength: 1, maxLength: 200 }))),
  codexVersion: optional(oneOf(SUPPORTED_CODEX_VERSIONS)),
});

/**
 * The groups a simulation runs for: the user's (by name, else id; none when the user is
 * deactivated, as for their devices), or the ids posted.
 */
async function groupIdsFor(
  services: RouteServices,
  body: { user?: string; groups?: string[] },
): Promise<{ groupIds: string[]; userActive?: boolean }> {
  const { directory } = services.store;
  if ((body.user === undefined) === (body.groups === undefined)) {
    throw new HttpError("invalid_request", "give exactly one of `user` (a name or id) and `groups` (group ids)");
  }
  if (body.user !== undefined) {
    const user = (await directory.getUserByName(body.user)) ?? (await directory.getUser(body.user));
    if (user === null) throw notFound("user", body.user);
    return { groupIds: await directory.listPolicyGroupIdsOfUser(user.id), userActive: user.active };
  }
  for (const id of body.groups!) if ((await directory.getGroup(id)) === null) throw notFound("group", id);
  return { groupIds: body.groups! };
}

/** `POST /v1/simulate`: the policy a user (or a set of groups) resolves to, and what Codex does with it. */
export const SIMULATE_ROUTE = defineRoute({
  method: "POST",
  path: "/v1/simulate",
  summary:
    "Resolve the policy for a user (or groups) and explain Codex's effective configuration over a user config, as `warden explain --json`",
  tag: "simulate",
  permission: "simulate",
  body: SIMULATE_BODY,
  errors: ["not_found"],
  success: { status: 200, description: "{resolution, explain}: the matched rule and policy, and the explain JSON" },
  async handle({ body, services }) {
    const { store } = services;
    const { groupIds, userActive } = await groupIdsFor(services, body);
    const rules = (await store.directory.listGroupRules()).map((rule) => ({
      groupId: rule.groupId,
      policy: rule.policyId,
    }));
    const resolution = resolvePolicyForUser(groupIds, rules, await store.directory.getDefaultPolicy());
    const files: Record<string, string> = {};
    let policy = null;
    if (resolution.policy !== null) {
      const row = await store.policies.getPolicy(resolution.policy);
      const revision = row && (await store.policies.getRevision(row.id, row.currentRevision));
      if (!row || !revision) throw notFound("policy", resolution.policy);
      policy = { id: row.id, name: row.name, revision: revision.revision };
      files[`${ETC}/requirements.toml`] = revision.requirementsToml;
      if (revision.managedConfigToml !== null) files[`${ETC}/managed_config.toml`] = revision.managedConfigToml;
    }
    if (body.userConfigToml !== undefined) files[`${CODEX_HOME}/config.toml`] = body.userConfigToml;
    const explain: ExplainResultV1 = await explainCodex(
      { fs: createMemoryFileSystem(files, [ETC, CODEX_HOME, CWD]), rustTomlSyntaxError: services.rustTomlSyntaxError },
      {
        codexVersion: body.codexVersion ?? "0.169.0",
        etcDir: ETC,
        etcDisplayDir: ETC,
        codexHome: CODEX_HOME,
        homeDir: HOME,
        cwd: CWD,
        profile: body.profile ?? null,
        overrides: [],
        enable: [],
        disable: [],
        hostname: body.hostname,
        platform: "linux",
        mdm: null,
        cloudRequirements: [],
        env: {},
      },
    );
    const { policy: _, ...matched } = resolution;
    return ok({
      resolution: { ...matched, groupIds, policy, ...(userActive === undefined ? {} : { userActive }) },
      explain,
    });
  },
});
