import type { Migration } from "./migration.ts";

/** Policies and revisions, the directory, principals and API keys, the admin activity log. */
export const migration001: Migration = {
  version: 1,
  name: "policies-directory-credentials",
  async up(db, d) {
    const t = d.int64;
    await db.schema
      .createTable("policies")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("current_revision", "integer", (c) => c.notNull())
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("updated_at", t, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("policy_revisions")
      .addColumn("policy_id", "text", (c) => c.notNull().references("policies.id").onDelete("cascade"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("requirements_toml", "text", (c) => c.notNull())
      .addColumn("managed_config_toml", "text")
      .addColumn("hook_policy_toml", "text")
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("author_kind", "text", (c) => c.notNull())
      .addColumn("author_id", "text")
      .addColumn("rolled_back_from", "integer")
      .addColumn("created_at", t, (c) => c.notNull())
      .addPrimaryKeyConstraint("policy_revisions_pk", ["policy_id", "revision"])
      .execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("created_at", t, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("groups")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("created_at", t, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("group_members")
      .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
      .execute();
    await db.schema.createIndex("group_members_user").on("group_members").columns(["user_id"]).execute();
    await db.schema
      .createTable("group_rules")
      .addColumn("position", "integer", (c) => c.primaryKey())
      .addColumn("group_id", "text", (c) => c.notNull().references("groups.id"))
      .addColumn("policy_id", "text", (c) => c.notNull().references("policies.id"))
      .execute();
    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text")
      .execute();

    await db.schema
      .createTable("principals")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text")
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("disabled_at", t)
      .execute();
    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("principal_id", "text", (c) => c.notNull().references("principals.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("secret_hash", "text", (c) => c.notNull().unique())
      .addColumn("scopes", "text", (c) => c.notNull())
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("expires_at", t)
      .addColumn("last_used_at", t)
      .addColumn("revoked_at", t)
      .execute();

    await db.schema
      .createTable("admin_activity")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", t, (c) => c.notNull())
      .addColumn("actor_kind", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull())
      .addColumn("target_id", "text")
      .addColumn("before_revision", "integer")
      .addColumn("after_revision", "integer")
      .addColumn("details", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("admin_activity_at").on("admin_activity").columns(["at", "id"]).execute();
    await db.schema
      .createIndex("admin_activity_target")
      .on("admin_activity")
      .columns(["target_type", "target_id", "at"])
      .execute();
  },
};
