import type { ActorRef, ControlPlaneRepositories, DirectoryRepository, GroupRow } from "@warden/core";
import { badRequest, ScimError, scimNotFound } from "../scim/scim-error.ts";
import type { ScimFilter } from "../scim/scim-filter.ts";
import { matchesFilter } from "../scim/scim-filter-match.ts";
import { groupDraft, readGroupDraft, renderScimGroup, type ScimGroupFields } from "../scim/scim-group.ts";
import {
  filterReads,
  listResponse,
  project,
  readListQuery,
  readProjection,
  requiredEquality,
  returns,
} from "../scim/scim-list.ts";
import { applyPatch, readPatchOperations } from "../scim/scim-patch.ts";
import { readResourceBody } from "../scim/scim-request.ts";
import { checkIfMatch, etagHeader, logScimChange, SCIM_BODY, scimBase } from "../scim/scim-route-support.ts";
import { GROUP_RESOURCE } from "../scim/scim-schema.ts";
import { callerOf, defineRoute, noContent, type RouteInput, type RouteOutput } from "./route.ts";

const GROUPS = "/scim/v2/Groups";
const PROJECTION_QUERY = [
  { name: "attributes", description: "return only these attributes (comma-separated)", type: "string" },
  {
    name: "excludedAttributes",
    description: "leave these attributes out (comma-separated); `members` skips loading them",
    type: "string",
  },
] as const;

/** The candidates a filter can match, looked up by index when it requires `id`, `displayName` or `externalId` eq. */
async function candidates(directory: DirectoryRepository, filter: ScimFilter | null): Promise<GroupRow[]> {
  const eq = requiredEquality(filter, ["id", "displayName", "externalId"]);
  if (eq?.attribute === "id") {
    const group = await directory.getGroup(eq.value);
    return group === null ? [] : [group];
  }
  if (eq?.attribute === "displayName") return directory.findGroups({ field: "name", value: eq.value });
  if (eq?.attribute === "externalId") return directory.findGroups({ field: "externalId", value: eq.value });
  return directory.listGroups();
}

/** The group as the request's projection returns it (members loaded only when returned), with the ETag. */
async function answer(input: RouteInput<unknown>, group: GroupRow, status: 200 | 201): Promise<RouteOutput> {
  const projection = readProjection(input.query);
  const { directory } = input.services.store;
  const members = returns(projection, "members", GROUP_RESOURCE) ? await directory.listMembers(group.id) : null;
  const resource = renderScimGroup(group, members, scimBase(input));
  const location = (resource.meta as { location: string }).location;
  return {
    status,
    body: project(resource, projection, GROUP_RESOURCE),
    headers: { ...etagHeader(group.version), ...(status === 201 ? { location } : {}) },
  };
}

function taken(name: string): ScimError {
  return new ScimError(409, "uniqueness", `a group named ${JSON.stringify(name)} exists (displayName ignores case)`);
}

async function checkNameFree(tx: ControlPlaneRepositories, name: string, self: string | null): Promise<void> {
  const holders = await tx.directory.findGroups({ field: "name", value: name });
  if (holders.some((holder) => holder.id !== self)) throw taken(name);
}

/** Makes the group's members exactly `wanted`, logging each membership change like `/v1/groups/{id}/members`. */
async function syncMembers(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  group: GroupRow,
  current: readonly string[],
  wanted: readonly string[],
): Promise<void> {
  const have = new Set(current);
  const want = new Set(wanted);
  for (const userId of want) {
    if (have.has(userId)) continue;
    if ((await tx.directory.getUser(userId)) === null) {
      throw badRequest("invalidValue", `members: no user has the id ${JSON.stringify(userId)}`);
    }
    await tx.directory.addMember(group.id, userId);
    await logScimChange(tx, actor, "membership.add", { type: "group", id: group.id }, { userId });
  }
  for (const userId of have) {
    if (want.has(userId)) continue;
    await tx.directory.removeMember(group.id, userId);
    await logScimChange(tx, actor, "membership.remove", { type: "group", id: group.id }, { userId });
  }
}

/** Writes what changed between `group` (with `memberIds`) and `fields`; the group as it is now. */
async function saveGroup(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  group: GroupRow,
  memberIds: readonly string[] | null,
  fields: ScimGroupFields,
): Promise<GroupRow> {
  const changes: { name?: string; externalId?: string | null } = {};
  if (fields.name !== group.name) changes.name = fields.name;
  if (fields.externalId !== group.externalId) changes.externalId = fields.externalId;
  if (Object.keys(changes).length > 0) {
    if (changes.name !== undefined) await checkNameFree(tx, changes.name, group.id);
    const updated = await tx.directory.updateGroup(group.id, changes);
    if (updated === null) throw scimNotFound("Group", group.id);
    if ("conflict" in updated) throw taken(fields.name);
    await logScimChange(
      tx,
      actor,
      "group.update",
      { type: "group", id: group.id },
      {
        name: updated.name,
        changed: Object.keys(changes),
        ...(changes.name === undefined ? {} : { previousName: group.name }),
      },
    );
  }
  if (fields.memberIds !== undefined) {
    const current = memberIds ?? (await tx.directory.listMembers(group.id)).map((user) => user.id);
    await syncMembers(tx, actor, group, current, fields.memberIds);
  }
  return (await tx.directory.getGroup(group.id)) ?? group;
}

async function requireGroup(tx: ControlPlaneRepositories, input: RouteInput<unknown>): Promise<GroupRow> {
  const group = await tx.directory.getGroup(input.params.id!);
  if (group === null) throw scimNotFound("Group", input.params.id!);
  checkIfMatch(input, group.version);
  return group;
}

/** SCIM 2.0 Groups (RFC 7644 §3): group push from Okta, Entra ID and other identity providers. */
export const SCIM_GROUP_ROUTES = [
  defineRoute({
    method: "GET",
    path: GROUPS,
    summary: 'SCIM: list groups, filtered (`displayName eq "…"`…) and paged; excludedAttributes=members skips members',
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    query: [
      { name: "filter", description: 'a SCIM filter, e.g. displayName eq "Engineering"', type: "string" },
      { name: "startIndex", description: "1-based index of the first result (default 1)", type: "integer" },
      { name: "count", description: "page size, 0 to 1000 (default 100)", type: "integer" },
      ...PROJECTION_QUERY,
    ],
    success: { status: 200, description: "a SCIM ListResponse of Group resources" },
    async handle(input) {
      const { directory } = input.services.store;
      const query = readListQuery(input.query, GROUP_RESOURCE);
      const base = scimBase(input);
      let groups = await candidates(directory, query.filter);
      if (query.filter !== null) {
        const filter = query.filter;
        const needMembers = filterReads(filter, "members");
        const matched: GroupRow[] = [];
        for (const group of groups) {
          const resource = renderScimGroup(group, needMembers ? await directory.listMembers(group.id) : null, base);
          if (matchesFilter(filter, resource, GROUP_RESOURCE)) matched.push(group);
        }
        groups = matched;
      }
      const withMembers = returns(query.projection, "members", GROUP_RESOURCE);
      const page = groups.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
      const resources = [];
      for (const group of page) {
        const members = withMembers ? await directory.listMembers(group.id) : null;
        resources.push(project(renderScimGroup(group, members, base), query.projection, GROUP_RESOURCE));
      }
      return { status: 200, body: listResponse(resources, groups.length, query.startIndex) };
    },
  }),
  defineRoute({
    method: "POST",
    path: GROUPS,
    summary: "SCIM: create a group, with members (409 uniqueness when the name is taken, ignoring case)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["conflict"],
    success: { status: 201, description: "the Group resource; Location and ETag headers" },
    async handle(input) {
      const fields = readGroupDraft(readResourceBody(input.body, GROUP_RESOURCE, null));
      const { actor } = callerOf(input);
      const group = await input.services.store.transaction(async (tx) => {
        await checkNameFree(tx, fields.name, null);
        const created = await tx.directory.createGroup({ name: fields.name, externalId: fields.externalId });
        if ("conflict" in created) throw taken(fields.name);
        await logScimChange(
          tx,
          actor,
          "group.create",
          { type: "group", id: created.id },
          {
            name: created.name,
            externalId: created.externalId,
          },
        );
        await syncMembers(tx, actor, created, [], fields.memberIds ?? []);
        return (await tx.directory.getGroup(created.id)) ?? created;
      });
      return answer(input, group, 201);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${GROUPS}/:id`,
    summary: "SCIM: a group with its members (If-None-Match → 304)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    query: PROJECTION_QUERY,
    errors: ["not_found"],
    success: { status: 200, description: "the Group resource; ETag header" },
    async handle(input) {
      const group = await input.services.store.directory.getGroup(input.params.id!);
      if (group === null) throw scimNotFound("Group", input.params.id!);
      if (input.header?.("if-none-match") === etagHeader(group.version).etag) {
        return { status: 304, body: null, headers: etagHeader(group.version) };
      }
      return answer(input, group, 200);
    },
  }),
  defineRoute({
    method: "PUT",
    path: `${GROUPS}/:id`,
    summary: "SCIM: replace a group (its members too, when the body has `members`)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the Group resource" },
    async handle(input) {
      const fields = readGroupDraft(readResourceBody(input.body, GROUP_RESOURCE, input.params.id!));
      const { actor } = callerOf(input);
      const group = await input.services.store.transaction(async (tx) =>
        saveGroup(tx, actor, await requireGroup(tx, input), null, fields),
      );
      return answer(input, group, 200);
    },
  }),
  defineRoute({
    method: "PATCH",
    path: `${GROUPS}/:id`,
    summary:
      "SCIM: rename a group or add, remove or replace members with PatchOp operations (Okta and Entra ID dialects)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the Group resource after the operations" },
    async handle(input) {
      const operations = readPatchOperations(input.body);
      const { actor } = callerOf(input);
      const group = await input.services.store.transaction(async (tx) => {
        const current = await requireGroup(tx, input);
        const members = await tx.directory.listMembers(current.id);
        const draft = groupDraft(current, members);
        applyPatch(draft, operations, GROUP_RESOURCE);
        const memberIds = members.map((user) => user.id);
        return saveGroup(tx, actor, current, memberIds, readGroupDraft(draft));
      });
      return answer(input, group, 200);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${GROUPS}/:id`,
    summary: "SCIM: delete a group and its memberships (409 while a group rule uses it)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    errors: ["not_found", "conflict"],
    success: { status: 204, description: "deleted" },
    async handle(input) {
      const { actor } = callerOf(input);
      await input.services.store.transaction(async (tx) => {
        const group = await requireGroup(tx, input);
        const outcome = await tx.directory.deleteGroup(group.id);
        if (outcome === "not_found") throw scimNotFound("Group", group.id);
        if (outcome === "in_use") {
          throw new ScimError(
            409,
            null,
            `a group rule uses group ${group.name}; change the group rules in Warden first`,
          );
        }
        await logScimChange(tx, actor, "group.delete", { type: "group", id: group.id }, { name: group.name });
      });
      return noContent();
    },
  }),
];
