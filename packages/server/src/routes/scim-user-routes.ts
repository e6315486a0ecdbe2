import type { ActorRef, ControlPlaneRepositories, DirectoryRepository, UserRow } from "@warden/core";
import { ScimError, scimNotFound } from "../scim/scim-error.ts";
import { matchesFilter } from "../scim/scim-filter-match.ts";
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
import { USER_RESOURCE } from "../scim/scim-schema.ts";
import { readUserDraft, renderScimUser, type ScimUserFields, userChanges, userDraft } from "../scim/scim-user.ts";
import { callerOf, defineRoute, noContent, type RouteInput, type RouteOutput } from "./route.ts";

const USERS = "/scim/v2/Users";
const PROJECTION_QUERY = [
  { name: "attributes", description: "return only these attributes (comma-separated)", type: "string" },
  { name: "excludedAttributes", description: "leave these attributes out (comma-separated)", type: "string" },
] as const;

/** The candidates a filter can match, looked up by index when it requires `id`, `userName` or `externalId` eq. */
async function candidates(directory: DirectoryRepository, filter: Parameters<typeof requiredEquality>[0]) {
  const eq = requiredEquality(filter, ["id", "userName", "externalId"]);
  if (eq?.attribute === "id") {
    const user = await directory.getUser(eq.value);
    return user === null ? [] : [user];
  }
  if (eq?.attribute === "userName") return directory.findUsers({ field: "name", value: eq.value });
  if (eq?.attribute === "externalId") return directory.findUsers({ field: "externalId", value: eq.value });
  return directory.listUsers();
}

/** The user as the request's projection returns it, with the ETag. */
async function answer(input: RouteInput<unknown>, user: UserRow, status: 200 | 201): Promise<RouteOutput> {
  const projection = readProjection(input.query);
  const { directory } = input.services.store;
  const groups = returns(projection, "groups", USER_RESOURCE) ? await directory.listGroupsOfUser(user.id) : null;
  const resource = renderScimUser(user, groups, scimBase(input));
  const location = (resource.meta as { location: string }).location;
  return {
    status,
    body: project(resource, projection, USER_RESOURCE),
    headers: { ...etagHeader(user.version), ...(status === 201 ? { location } : {}) },
  };
}

function taken(name: string): ScimError {
  return new ScimError(409, "uniqueness", `userName ${JSON.stringify(name)} is taken (userName ignores case)`);
}

/** Refuses a userName another user has, ignoring case (RFC 7643: userName is caseExact false, unique). */
async function checkNameFree(tx: ControlPlaneRepositories, name: string, self: string | null): Promise<void> {
  const holders = await tx.directory.findUsers({ field: "name", value: name });
  if (holders.some((holder) => holder.id !== self)) throw taken(name);
}

/** Writes what changed between `user` and `fields`, with its activity entry; the updated user. */
async function saveUser(tx: ControlPlaneRepositories, actor: ActorRef, user: UserRow, fields: ScimUserFields) {
  const changes = userChanges(user, fields);
  if (Object.keys(changes).length === 0) return user;
  if (changes.name !== undefined) await checkNameFree(tx, changes.name, user.id);
  const updated = await tx.directory.updateUser(user.id, changes);
  if (updated === null) throw scimNotFound("User", user.id);
  if ("conflict" in updated) throw taken(fields.name);
  await logScimChange(
    tx,
    actor,
    "user.update",
    { type: "user", id: user.id },
    {
      name: updated.name,
      changed: Object.keys(changes),
      ...(changes.name === undefined ? {} : { previousName: user.name }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
    },
  );
  return updated;
}

async function requireUser(tx: ControlPlaneRepositories, input: RouteInput<unknown>): Promise<UserRow> {
  const user = await tx.directory.getUser(input.params.id!);
  if (user === null) throw scimNotFound("User", input.params.id!);
  checkIfMatch(input, user.version);
  return user;
}

/** SCIM 2.0 Users (RFC 7644 §3): provisioning from Okta, Entra ID and other identity providers. */
export const SCIM_USER_ROUTES = [
  defineRoute({
    method: "GET",
    path: USERS,
    summary:
      'SCIM: list users, filtered (`userName eq "…"`, `externalId eq "…"`, and/or/not…) and paged (startIndex, count)',
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    query: [
      { name: "filter", description: 'a SCIM filter, e.g. userName eq "alice@example.com"', type: "string" },
      { name: "startIndex", description: "1-based index of the first result (default 1)", type: "integer" },
      { name: "count", description: "page size, 0 to 1000 (default 100)", type: "integer" },
      ...PROJECTION_QUERY,
    ],
    success: { status: 200, description: "a SCIM ListResponse of User resources" },
    async handle(input) {
      const { directory } = input.services.store;
      const query = readListQuery(input.query, USER_RESOURCE);
      const base = scimBase(input);
      let users = await candidates(directory, query.filter);
      if (query.filter !== null) {
        const filter = query.filter;
        const needGroups = filterReads(filter, "groups");
        const matched: UserRow[] = [];
        for (const user of users) {
          const resource = renderScimUser(user, needGroups ? await directory.listGroupsOfUser(user.id) : null, base);
          if (matchesFilter(filter, resource, USER_RESOURCE)) matched.push(user);
        }
        users = matched;
      }
      const withGroups = returns(query.projection, "groups", USER_RESOURCE);
      const page = users.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
      const resources = [];
      for (const user of page) {
        const groups = withGroups ? await directory.listGroupsOfUser(user.id) : null;
        resources.push(project(renderScimUser(user, groups, base), query.projection, USER_RESOURCE));
      }
      return { status: 200, body: listResponse(resources, users.length, query.startIndex) };
    },
  }),
  defineRoute({
    method: "POST",
    path: USERS,
    summary: "SCIM: create a user (409 uniqueness when the userName is taken, ignoring case)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["conflict"],
    success: { status: 201, description: "the User resource; Location and ETag headers" },
    async handle(input) {
      const fields = readUserDraft(readResourceBody(input.body, USER_RESOURCE, null));
      const { actor } = callerOf(input);
      const user = await input.services.store.transaction(async (tx) => {
        await checkNameFree(tx, fields.name, null);
        const created = await tx.directory.createUser({ ...fields, active: fields.active ?? true });
        if ("conflict" in created) throw taken(fields.name);
        await logScimChange(
          tx,
          actor,
          "user.create",
          { type: "user", id: created.id },
          {
            name: created.name,
            externalId: created.externalId,
            active: created.active,
          },
        );
        return created;
      });
      return answer(input, user, 201);
    },
  }),
  defineRoute({
    method: "GET",
    path: `${USERS}/:id`,
    summary: "SCIM: a user, with its groups (If-None-Match → 304)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    query: PROJECTION_QUERY,
    errors: ["not_found"],
    success: { status: 200, description: "the User resource; ETag header" },
    async handle(input) {
      const user = await input.services.store.directory.getUser(input.params.id!);
      if (user === null) throw scimNotFound("User", input.params.id!);
      if (input.header?.("if-none-match") === etagHeader(user.version).etag) {
        return { status: 304, body: null, headers: etagHeader(user.version) };
      }
      return answer(input, user, 200);
    },
  }),
  defineRoute({
    method: "PUT",
    path: `${USERS}/:id`,
    summary: "SCIM: replace a user (omitting `active` keeps it; If-Match → 412 when stale)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the User resource" },
    async handle(input) {
      const fields = readUserDraft(readResourceBody(input.body, USER_RESOURCE, input.params.id!));
      const { actor } = callerOf(input);
      const user = await input.services.store.transaction(async (tx) =>
        saveUser(tx, actor, await requireUser(tx, input), fields),
      );
      return answer(input, user, 200);
    },
  }),
  defineRoute({
    method: "PATCH",
    path: `${USERS}/:id`,
    summary: 'SCIM: change a user with PatchOp operations (Okta and Entra ID dialects, e.g. active "False")',
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    body: SCIM_BODY,
    query: PROJECTION_QUERY,
    errors: ["not_found", "conflict"],
    success: { status: 200, description: "the User resource after the operations" },
    async handle(input) {
      const operations = readPatchOperations(input.body);
      const { actor } = callerOf(input);
      const user = await input.services.store.transaction(async (tx) => {
        const current = await requireUser(tx, input);
        const draft = userDraft(current);
        applyPatch(draft, operations, USER_RESOURCE);
        return saveUser(tx, actor, current, readUserDraft(draft));
      });
      return answer(input, user, 200);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: `${USERS}/:id`,
    summary: "SCIM: delete a user and its memberships (identity providers usually deactivate instead)",
    tag: "scim",
    permission: "scim",
    dialect: "scim",
    errors: ["not_found"],
    success: { status: 204, description: "deleted" },
    async handle(input) {
      const { actor } = callerOf(input);
      await input.services.store.transaction(async (tx) => {
        const user = await requireUser(tx, input);
        if (!(await tx.directory.deleteUser(user.id))) throw scimNotFound("User", user.id);
        await logScimChange(tx, actor, "user.delete", { type: "user", id: user.id }, { name: user.name });
      });
      return noContent();
    },
  }),
];
