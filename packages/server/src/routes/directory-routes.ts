import type { ActorRef, ControlPlaneRepositories } from "@warden/core";
import { HttpError, notFound } from "../http-error.ts";
import { object, optional, string } from "../schema/schema.ts";
import { PAGE_QUERY, paginate } from "./paginate.ts";
import { NAME } from "./policy-routes.ts";
import { callerOf, created, defineRoute, noContent, ok, type RouteServices } from "./route.ts";

async function requireUser(services: RouteServices, id: string) {
  const user = await services.store.directory.getUser(id);
  if (user === null) throw notFound("user", id);
  return user;
}

async function requireGroup(services: RouteServices, id: string) {
  const group = await services.store.directory.getGroup(id);
  if (group === null) throw notFound("group", id);
  return group;
}

/** Appends an admin activity entry for a directory change (in the change's transaction). */
export function logDirectoryChange(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown>,
) {
  return tx.activity.appendActivity({
    actor,
    action,
    targetType: target.type,
    targetId: target.id,
    beforeRevision: null,
    afterRevision: null,
    details,
  });
}

const userRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/users",
    summary: "List users, by name",
    tag: "directory",
    permission: "directory:read",
    query: PAGE_QUERY,
    success: { status: 200, description: "a page of users" },
    handle: async ({ query, services }) => ok(paginate(await services.store.directory.listUsers(), query)),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/users",
    summary: "Create a user (a person whose devices receive policy)",
    tag: "directory",
    permission: "directory:write",
    body: object({ name: NAME, displayName: optional(string({ maxLength: 200 })) }),
    errors: ["conflict"],
    success: { status: 201, description: "the user" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      const user = await services.store.transaction(async (tx) => {
        // Names are unique ignoring case, as SCIM (and the identity providers behind it) see them.
        const clash = (await tx.directory.findUsers({ field: "name", value: body.name }))[0];
        if (clash !== undefined) throw new HttpError("conflict", `a user named ${clash.name} already exists`);
        const result = await tx.directory.createUser({ name: body.name, displayName: body.displayName ?? body.name });
        if ("conflict" in result) throw new HttpError("conflict", `a user named ${body.name} already exists`);
        await logDirectoryChange(tx, actor, "user.create", { type: "user", id: result.id }, { name: result.name });
        return result;
      });
      return created(user);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/users/:id",
    summary: "A user and the ids of their groups",
    tag: "directory",
    permission: "directory:read",
    errors: ["not_found"],
    success: { status: 200, description: "the user with groupIds" },
    async handle({ params, services }) {
      const user = await requireUser(services, params.id!);
      return ok({ ...user, groupIds: await services.store.directory.listGroupIdsOfUser(user.id) });
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/users/:id",
    summary: "Delete a user and their memberships",
    tag: "directory",
    permission: "directory:write",
    errors: ["not_found"],
    success: { status: 204, description: "deleted" },
    async handle(input) {
      const { params, services } = input;
      const { actor } = callerOf(input);
      await services.store.transaction(async (tx) => {
        const user = await tx.directory.getUser(params.id!);
        if (user === null || !(await tx.directory.deleteUser(user.id))) throw notFound("user", params.id!);
        await logDirectoryChange(tx, actor, "user.delete", { type: "user", id: user.id }, { name: user.name });
      });
      return noContent();
    },
  }),
];

const groupRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/groups",
    summary: "List groups, by name",
    tag: "directory",
    permission: "directory:read",
    query: PAGE_QUERY,
    success: { status: 200, description: "a page of groups" },
    handle: async ({ query, services }) => ok(paginate(await services.store.directory.listGroups(), query)),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/groups",
    summary: "Create a group",
    tag: "directory",
    permission: "directory:write",
    body: object({ name: NAME }),
    errors: ["conflict"],
    success: { status: 201, description: "the group" },
    async handle(input) {
      const { body, services } = input;
      const { actor } = callerOf(input);
      const group = await services.store.transaction(async (tx) => {
        const clash = (await tx.directory.findGroups({ field: "name", value: body.name }))[0];
        if (clash !== undefined) throw new HttpError("conflict", `a group named ${clash.name} already exists`);
        const result = await tx.directory.createGroup({ name: body.name });
        if ("conflict" in result) throw new HttpError("conflict", `a group named ${body.name} already exists`);
        await logDirectoryChange(tx, actor, "group.create", { type: "group", id: result.id }, { name: result.name });
        return result;
      });
      return created(group);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/v1/groups/:id",
    summary: "A group",
    tag: "directory",
    permission: "directory:read",
    errors: ["not_found"],
    success: { status: 200, description: "the group" },
    handle: async ({ params, services }) => ok(await requireGroup(services, params.id!)),
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/groups/:id",
    summary: "Delete a group and its memberships (409 while a group rule uses it)",
    tag: "directory",
    permission: "directory:write",
    errors: ["not_found", "conflict"],
    success: { status: 204, description: "deleted" },
    async handle(input) {
      const { params, services } = input;
      const { actor } = callerOf(input);
      await services.store.transaction(async (tx) => {
        const group = await tx.directory.getGroup(params.id!);
        const outcome = group === null ? "not_found" : await tx.directory.deleteGroup(group.id);
        if (group === null || outcome === "not_found") throw notFound("group", params.id!);
        if (outcome === "in_use")
          throw new HttpError("conflict", "a group rule uses this group; change the rules first");
        await logDirectoryChange(tx, actor, "group.delete", { type: "group", id: group.id }, { name: group.name });
      });
      return noContent();
    },
  }),
];

const memberRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/groups/:id/members",
    summary: "The members of a group",
    tag: "directory",
    permission: "directory:read",
    query: PAGE_QUERY,
    errors: ["not_found"],
    success: { status: 200, description: "a page of users" },
    async handle({ params, query, services }) {
      const group = await requireGroup(services, params.id!);
      return ok(paginate(await services.store.directory.listMembers(group.id), query));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/v1/groups/:id/members/:userId",
    summary: "Add a user to a group (idempotent)",
    tag: "directory",
    permission: "directory:write",
    errors: ["not_found"],
    success: { status: 204, description: "the user is a member" },
    async handle(input) {
      const { params, services } = input;
      const { actor } = callerOf(input);
      const group = await requireGroup(services, params.id!);
      const user = await requireUser(services, params.userId!);
      await services.store.transaction(async (tx) => {
        await tx.directory.addMember(group.id, user.id);
        await logDirectoryChange(tx, actor, "membership.add", { type: "group", id: group.id }, { userId: user.id });
      });
      return noContent();
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/groups/:id/members/:userId",
    summary: "Remove a user from a group",
    tag: "directory",
    permission: "directory:write",
    errors: ["not_found"],
    success: { status: 204, description: "removed" },
    async handle(input) {
      const { params, services } = input;
      const { actor } = callerOf(input);
      const group = await requireGroup(services, params.id!);
      await services.store.transaction(async (tx) => {
        if (!(await tx.directory.removeMember(group.id, params.userId!)))
          throw notFound("membership", `${group.id}/${params.userId}`);
        await logDirectoryChange(
          tx,
          actor,
          "membership.remove",
          { type: "group", id: group.id },
          { userId: params.userId },
        );
      });
      return noContent();
    },
  }),
];

/** Users, groups and memberships. */
export const DIRECTORY_ROUTES = [...userRoutes, ...groupRoutes, ...memberRoutes];
