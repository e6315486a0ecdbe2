import type { DirectoryRepository, GroupRow, GroupRuleRow, UserRow } from "@warden/core";
import type { Selectable } from "kysely";
import { newId, toIso } from "../codec.ts";
import type { GroupsTable, UsersTable } from "../database-schema.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

const DEFAULT_POLICY_KEY = "default_policy_id";

function userRow(row: Selectable<UsersTable>): UserRow {
  return { id: row.id, name: row.name, displayName: row.display_name, createdAt: toIso(row.created_at) };
}

function groupRow(row: Selectable<GroupsTable>): GroupRow {
  return { id: row.id, name: row.name, createdAt: toIso(row.created_at) };
}

/** Users, groups, memberships, ordered group rules and the default policy in SQL. */
export class DirectoryRepositorySql implements DirectoryRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async createUser(input: { name: string; displayName?: string }): Promise<UserRow | { conflict: "name_taken" }> {
    const row = await this.ctx.db
      .insertInto("users")
      .values({
        id: newId(),
        name: input.name,
        display_name: input.displayName ?? input.name,
        created_at: this.ctx.now(),
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? userRow(row) : { conflict: "name_taken" };
  }

  async getUser(id: string): Promise<UserRow | null> {
    const row = await this.ctx.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? userRow(row) : null;
  }

  async getUserByName(name: string): Promise<UserRow | null> {
    const row = await this.ctx.db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
    return row ? userRow(row) : null;
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.ctx.db.selectFrom("users").selectAll().orderBy("name").execute()).map(userRow);
  }

  async deleteUser(id: string): Promise<boolean> {
    const result = await this.ctx.db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async createGroup(input: { name: string }): Promise<GroupRow | { conflict: "name_taken" }> {
    const row = await this.ctx.db
      .insertInto("groups")
      .values({ id: newId(), name: input.name, created_at: this.ctx.now() })
      .onConflict((oc) => oc.column("name").doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? groupRow(row) : { conflict: "name_taken" };
  }

  async getGroup(id: string): Promise<GroupRow | null> {
    const row = await this.ctx.db.selectFrom("groups").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? groupRow(row) : null;
  }

  async listGroups(): Promise<GroupRow[]> {
    return (await this.ctx.db.selectFrom("groups").selectAll().orderBy("name").execute()).map(groupRow);
  }

  async deleteGroup(id: string): Promise<"deleted" | "in_use" | "not_found"> {
    return atomically(this.ctx, async (db) => {
      const rule = await db.selectFrom("group_rules").select("position").where("group_id", "=", id).executeTakeFirst();
      if (rule) return "in_use";
      const result = await db.deleteFrom("groups").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0 ? "deleted" : "not_found";
    });
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    await this.ctx.db
      .insertInto("group_members")
      .values({ group_id: groupId, user_id: userId })
      .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
      .execute();
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    const result = await this.ctx.db
      .deleteFrom("group_members")
      .where("group_id", "=", groupId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listGroupIdsOfUser(userId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom("group_members")
      .select("group_id")
      .where("user_id", "=", userId)
      .orderBy("group_id")
      .execute();
    return rows.map((row) => row.group_id);
  }

  async listMembers(groupId: string): Promise<UserRow[]> {
    const rows = await this.ctx.db
      .selectFrom("users")
      .innerJoin("group_members", "group_members.user_id", "users.id")
      .selectAll("users")
      .where("group_members.group_id", "=", groupId)
      .orderBy("users.name")
      .execute();
    return rows.map(userRow);
  }

  async setGroupRules(rules: readonly { groupId: string; policyId: string }[]): Promise<void> {
    await atomically(this.ctx, async (db) => {
      await db.deleteFrom("group_rules").execute();
      if (rules.length === 0) return;
      await db
        .insertInto("group_rules")
        .values(rules.map((rule, position) => ({ position, group_id: rule.groupId, policy_id: rule.policyId })))
        .execute();
    });
  }

  async listGroupRules(): Promise<GroupRuleRow[]> {
    const rows = await this.ctx.db.selectFrom("group_rules").selectAll().orderBy("position").execute();
    return rows.map((row) => ({ position: Number(row.position), groupId: row.group_id, policyId: row.policy_id }));
  }

  async setDefaultPolicy(policyId: string | null): Promise<void> {
    await this.ctx.db
      .insertInto("settings")
      .values({ key: DEFAULT_POLICY_KEY, value: policyId })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: policyId }))
      .execute();
  }

  async getDefaultPolicy(): Promise<string | null> {
    const row = await this.ctx.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", DEFAULT_POLICY_KEY)
      .executeTakeFirst();
    return row?.value ?? null;
  }
}
