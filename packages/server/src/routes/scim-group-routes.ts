import type { ActorRef, ControlPlaneRepositories, GroupRow, UserRow } from "@warden/core";
import { badRequest, ScimError, scimNotFound } from "../scim/scim-error.ts";
import { groupDraft, readGroupDraft, renderScimGroup, type ScimGroupFields } from "../scim/scim-group.ts";
import { applyPatch } from "../scim/scim-patch.ts";
import { logScimChange } from "../scim/scim-route-support.ts";
import { GROUP_RESOURCE } from "../scim/scim-schema.ts";
import { type ScimResource, scimResourceRoutes } from "./scim-resource-routes.ts";
import { createNamedRow, type NamedRowWrites, updateNamedRow } from "./scim-resource-writes.ts";

type GroupChanges = { name?: string; externalId?: string | null };

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

/** Writes what changed between `group` (with `memberIds`, null: not loaded) and `fields`; the group as it is now. */
async function saveGroup(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  group: GroupRow,
  memberIds: readonly string[] | null,
  fields: ScimGroupFields,
): Promise<GroupRow> {
  const changes: GroupChanges = {};
  if (fields.name !== group.name) changes.name = fields.name;
  if (fields.externalId !== group.externalId) changes.externalId = fields.externalId;
  await updateNamedRow(tx, actor, GROUPS, group, changes);
  if (fields.memberIds !== undefined) {
    const current = memberIds ?? (await tx.directory.listMembers(group.id)).map((user) => user.id);
    await syncMembers(tx, actor, group, current, fields.memberIds);
  }
  return (await tx.directory.getGroup(group.id)) ?? group;
}

/** SCIM Groups over the directory's groups; a group's `members` are users. */
const GROUPS: ScimResource<GroupRow, UserRow, ScimGroupFields> &
  NamedRowWrites<GroupRow, ScimGroupFields, GroupChanges> = {
  schema: GROUP_RESOURCE,
  nameAttribute: "displayName",
  related: "members",
  get: (directory, id) => directory.getGroup(id),
  find: (directory, match) => directory.findGroups(match),
  list: (directory) => directory.listGroups(),
  loadRelated: (directory, group) => directory.listMembers(group.id),
  render: renderScimGroup,
  readFields: readGroupDraft,
  taken: (name) =>
    new ScimError(409, "uniqueness", `a group named ${JSON.stringify(name)} exists (displayName ignores case)`),
  insert: (directory, fields) => directory.createGroup({ name: fields.name, externalId: fields.externalId }),
  update: (directory, id, changes) => directory.updateGroup(id, changes),
  async create(tx, actor, fields) {
    const created = await createNamedRow(tx, actor, GROUPS, fields);
    await syncMembers(tx, actor, created, [], fields.memberIds ?? []);
    return (await tx.directory.getGroup(created.id)) ?? created;
  },
  replace: (tx, actor, group, fields) => saveGroup(tx, actor, group, null, fields),
  async patch(tx, actor, group, operations) {
    const members = await tx.directory.listMembers(group.id);
    const draft = groupDraft(group, members);
    applyPatch(draft, operations, GROUP_RESOURCE);
    const memberIds = members.map((user) => user.id);
    return saveGroup(tx, actor, group, memberIds, readGroupDraft(draft));
  },
  async remove(tx, actor, group) {
    const outcome = await tx.directory.deleteGroup(group.id);
    if (outcome === "not_found") throw scimNotFound("Group", group.id);
    if (outcome === "in_use") {
      throw new ScimError(409, null, `a group rule uses group ${group.name}; change the group rules in Warden first`);
    }
    await logScimChange(tx, actor, "group.delete", { type: "group", id: group.id }, { name: group.name });
  },
};

/** SCIM 2.0 Groups (RFC 7644 §3): group push from Okta, Entra ID and other identity providers. */
export const SCIM_GROUP_ROUTES = scimResourceRoutes(GROUPS, {
  summaries: {
    list: 'SCIM: list groups, filtered (`displayName eq "…"`…) and paged; excludedAttributes=members skips members',
    create: "SCIM: create a group, with members (409 uniqueness when the name is taken, ignoring case)",
    read: "SCIM: a group with its members (If-None-Match → 304)",
    replace: "SCIM: replace a group (its members too, when the body has `members`)",
    patch:
      "SCIM: rename a group or add, remove or replace members with PatchOp operations (Okta and Entra ID dialects)",
    delete: "SCIM: delete a group and its memberships (409 while a group rule uses it)",
  },
  filter: 'a SCIM filter, e.g. displayName eq "Engineering"',
  excludedAttributes: "leave these attributes out (comma-separated); `members` skips loading them",
  deleteErrors: ["not_found", "conflict"],
});
