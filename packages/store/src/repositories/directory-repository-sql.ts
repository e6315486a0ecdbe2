import type {
  DirectoryMatch,
  DirectoryRepository,
  GroupProfile,
  GroupRow,
  GroupRuleRow,
  UserEmail,
  UserProfile,
  UserRow,
} from "@warden/core";
import { type ExpressionBuilder, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import { newId, toIso } from "../codec.ts";
import type { GroupsTable, UsersTable, WardenDatabase } from "../database-schema.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

const DEFAULT_POLICY_KEY = "default_policy_id";

function userRow(row: Selectable<UsersTable>): UserRow {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    externalId: row.external_id,
    active: Number(row.active) === 1,
    givenName: row.given_name,
    familyName: row.family_name,
    formattedName: row.formatted_name,
    emails: JSON.parse(row.emails) as UserEmail[],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: Number(row.version),
  };
}

function groupRow(row: Selectable<GroupsTable>): GroupRow {
  return {
    id: row.id,
    name: row.name,
    externalId: row.external_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: Number(row.version),
  };
}

/** The columns a user profile sets (absent fields are left out, so an update keeps them). */
function profileColumns(profile: UserProfile): Updateable<UsersTable> {
  const columns: Updateable<UsersTable> = {};
  if (profile.displayName !== undefined) columns.display_name = profile.displayName;
  if (profile.externalId !== undefined) columns.external_id = profile.externalId;
  if (profile.active !== undefined) columns.active = profile.active ? 1 : 0;
  if (profile.givenName !== undefined) columns.given_name = profile.givenName;
  if (profile.familyName !== undefined) columns.family_name = profile.familyName;
  if (profile.formattedName !== undefined) columns.formatted_name = profile.formattedName;
  if (profile.emails !== undefined) columns.emails = JSON.stringify(profile.emails);
  return columns;
}

/** `lower(name) = lower(value)` or `external_id = value`; lower() on both sides so each dialect folds case one way. */
function matches<T extends "users" | "groups">(match: DirectoryMatch) {
  return (eb: ExpressionBuilder<WardenDatabase, T>) =>
    match.field === "name"
      ? eb(sql`lower(name)`, "=", sql`lower(${match.value})`)
      : eb(sql`external_id`, "=", match.value);
}

/** Marks a group changed (its members count as part of it). */
async function touchGroup(db: Kysely<WardenDatabase>, groupId: string, now: number): Promise<void> {
  await db
    .updateTable("groups")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", groupId)
    .execute();
}

/** Users, groups, memberships, ordered group rules and the default policy in SQL. */
export class DirectoryRepositorySql implements DirectoryRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async createUser(input: { name: string } & UserProfile): Promise<UserRow | { conflict: "name_taken" }> {
    const now = this.ctx.now();
    const row = await this.ctx.db
      .insertInto("users")
      .values({
        id: newId(),
        name: input.name,
        display_name: input.displayName ?? input.name,
        created_at: now,
        external_id: input.externalId ?? null,
        active: input.active === false ? 0 : 1,
        given_name: input.givenName ?? null,
        family_name: input.familyName ?? null,
        formatted_name: input.formattedName ?? null,
        emails: JSON.stringify(input.emails ?? []),
        updated_at: now,
        version: 1,
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

  async findUsers(match: DirectoryMatch): Promise<UserRow[]> {
    const rows = await this.ctx.db.selectFrom("users").selectAll().where(matches(match)).orderBy("name").execute();
    return rows.map(userRow);
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.ctx.db.selectFrom("users").selectAll().orderBy("name").execute()).map(userRow);
  }

  async updateUser(
    id: string,
    changes: { name?: string } & UserProfile,
  ): Promise<UserRow | null | { conflict: "name_taken" }> {
    return atomically(this.ctx, async (db) => {
      const current = await db.selectFrom("users").select("name").where("id", "=", id).executeTakeFirst();
      if (!current) return null;
      // Checked first: a failed unique insert would abort a PostgreSQL transaction.
      if (changes.name !== undefined && changes.name !== current.name) {
        const taken = await db.selectFrom("users").select("id").where("name", "=", changes.name).executeTakeFirst();
        if (taken) return { conflict: "name_taken" as const };
      }
      const row = await db
        .updateTable("users")
        .set((eb) => ({
          ...profileColumns(changes),
          ...(changes.name === undefined ? {} : { name: changes.name }),
          version: eb("version", "+", 1),
          updated_at: this.ctx.now(),
        }))
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return userRow(row);
    });
  }

  async deleteUser(id: string): Promise<boolean> {
    return atomically(this.ctx, async (db) => {
      // The memberships go with the user: their groups change too.
      await db
        .updateTable("groups")
        .set((eb) => ({ version: eb("version", "+", 1), updated_at: this.ctx.now() }))
        .where("id", "in", db.selectFrom("group_members").select("group_id").where("user_id", "=", id))
        .execute();
      const result = await db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async createGroup(input: { name: string } & GroupProfile): Promise<GroupRow | { conflict: "name_taken" }> {
    const now = this.ctx.now();
    const row = await this.ctx.db
      .insertInto("groups")
      .values({
        id: newId(),
        name: input.name,
        created_at: now,
        external_id: input.externalId ?? null,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? groupRow(row) : { conflict: "name_taken" };
  }

  async getGroup(id: string): Promise<GroupRow | null> {
    const row = await this.ctx.db.selectFrom("groups").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? groupRow(row) : null;
  }

  async findGroups(match: DirectoryMatch): Promise<GroupRow[]> {
    const rows = await this.ctx.db.selectFrom("groups").selectAll().where(matches(match)).orderBy("name").execute();
    return rows.map(groupRow);
  }

  async listGroups(): Promise<GroupRow[]> {
    return (await this.ctx.db.selectFrom("groups").selectAll().orderBy("name").execute()).map(groupRow);
  }

  async updateGroup(
    id: string,
    changes: { name?: string } & GroupProfile,
  ): Promise<GroupRow | null | { conflict: "name_taken" }> {
    return atomically(this.ctx, async (db) => {
      const current = await db.selectFrom("groups").select("name").where("id", "=", id).executeTakeFirst();
      if (!current) return null;
      if (changes.name !== undefined && changes.name !== current.name) {
        const taken = await db.selectFrom("groups").select("id").where("name", "=", changes.name).executeTakeFirst();
        if (taken) return { conflict: "name_taken" as const };
      }
      const row = await db
        .updateTable("groups")
        .set((eb) => ({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.externalId === undefined ? {} : { external_id: changes.externalId }),
          version: eb("version", "+", 1),
          updated_at: this.ctx.now(),
        }))
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return groupRow(row);
    });
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
    await atomically(this.ctx, async (db) => {
      const added = await db
        .insertInto("group_members")
        .values({ group_id: groupId, user_id: userId })
        .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
        .returning("group_id")
        .executeTakeFirst();
      if (added) await touchGroup(db, groupId, this.ctx.now());
    });
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    return atomically(this.ctx, async (db) => {
      const result = await db
        .deleteFrom("group_members")
        .where("group_id", "=", groupId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      const removed = Number(result.numDeletedRows) > 0;
      if (removed) await touchGroup(db, groupId, this.ctx.now());
      return removed;
    });
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

  async listGroupsOfUser(userId: string): Promise<GroupRow[]> {
    const rows = await this.ctx.db
      .selectFrom("groups")
      .innerJoin("group_members", "group_members.group_id", "groups.id")
      .selectAll("groups")
      .where("group_members.user_id", "=", userId)
      .orderBy("groups.name")
      .execute();
    return rows.map(groupRow);
  }

  async listPolicyGroupIdsOfUser(userId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom("group_members")
      .innerJoin("users", "users.id", "group_members.user_id")
      .select("group_members.group_id")
      .where("group_members.user_id", "=", userId)
      .where("users.active", "=", 1)
      .orderBy("group_members.group_id")
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
