import type { ActorRef, ControlPlaneRepositories, GroupRow, UserProfile, UserRow } from "@warden/core";
import { ScimError, scimNotFound } from "../scim/scim-error.ts";
import { applyPatch } from "../scim/scim-patch.ts";
import { logScimChange } from "../scim/scim-route-support.ts";
import { USER_RESOURCE } from "../scim/scim-schema.ts";
import { readUserDraft, renderScimUser, type ScimUserFields, userChanges, userDraft } from "../scim/scim-user.ts";
import { type ScimResource, scimResourceRoutes } from "./scim-resource-routes.ts";
import { createNamedRow, type NamedRowWrites, updateNamedRow } from "./scim-resource-writes.ts";

type UserChanges = { name?: string } & UserProfile;

/** Writes what changed between `user` and `fields`, with its activity entry; the updated user. */
function saveUser(tx: ControlPlaneRepositories, actor: ActorRef, user: UserRow, fields: ScimUserFields) {
  const changes = userChanges(user, fields);
  const details = changes.active === undefined ? {} : { active: changes.active };
  return updateNamedRow(tx, actor, USERS, user, changes, details);
}

/** SCIM Users over the directory's users; a user's `groups` are its memberships (read-only here). */
const USERS: ScimResource<UserRow, GroupRow, ScimUserFields> & NamedRowWrites<UserRow, ScimUserFields, UserChanges> = {
  schema: USER_RESOURCE,
  nameAttribute: "userName",
  related: "groups",
  get: (directory, id) => directory.getUser(id),
  find: (directory, match) => directory.findUsers(match),
  list: (directory) => directory.listUsers(),
  loadRelated: (directory, user) => directory.listGroupsOfUser(user.id),
  render: renderScimUser,
  readFields: readUserDraft,
  // RFC 7643: userName is caseExact false and unique.
  taken: (name) =>
    new ScimError(409, "uniqueness", `userName ${JSON.stringify(name)} is taken (userName ignores case)`),
  insert: (directory, fields) => directory.createUser({ ...fields, active: fields.active ?? true }),
  update: (directory, id, changes) => directory.updateUser(id, changes),
  create: (tx, actor, fields) => createNamedRow(tx, actor, USERS, fields, (user) => ({ active: user.active })),
  replace: saveUser,
  async patch(tx, actor, user, operations) {
    const draft = userDraft(user);
    applyPatch(draft, operations, USER_RESOURCE);
    return saveUser(tx, actor, user, readUserDraft(draft));
  },
  async remove(tx, actor, user) {
    if (!(await tx.directory.deleteUser(user.id))) throw scimNotFound("User", user.id);
    await logScimChange(tx, actor, "user.delete", { type: "user", id: user.id }, { name: user.name });
  },
};

/** SCIM 2.0 Users (RFC 7644 §3): provisioning from Okta, Entra ID and other identity providers. */
export const SCIM_USER_ROUTES = scimResourceRoutes(USERS, {
  summaries: {
    list: 'SCIM: list users, filtered (`userName eq "…"`, `externalId eq "…"`, and/or/not…) and paged (startIndex, count)',
    create: "SCIM: create a user (409 uniqueness when the userName is taken, ignoring case)",
    read: "SCIM: a user, with its groups (If-None-Match → 304)",
    replace: "SCIM: replace a user (omitting `active` keeps it; If-Match → 412 when stale)",
    patch: 'SCIM: change a user with PatchOp operations (Okta and Entra ID dialects, e.g. active "False")',
    delete: "SCIM: delete a user and its memberships (identity providers usually deactivate instead)",
  },
  filter: 'a SCIM filter, e.g. userName eq "alice@example.com"',
  excludedAttributes: "leave these attributes out (comma-separated)",
  deleteErrors: ["not_found"],
});
