import { sql } from "kysely";
import type { Migration } from "./migration.ts";

/**
 * What SCIM provisioning keeps on users and groups: the identity provider's external id, the
 * user's active flag, name parts and emails, and a version and change time per row (SCIM `meta`).
 */
export const migration004: Migration = {
  version: 4,
  name: "scim",
  async up(db, d) {
    const t = d.int64;
    // SQLite's ALTER TABLE adds one column per statement.
    const columns = [
      db.schema.alterTable("users").addColumn("external_id", "text"),
      db.schema.alterTable("users").addColumn("active", "integer", (c) => c.notNull().defaultTo(1)),
      db.schema.alterTable("users").addColumn("given_name", "text"),
      db.schema.alterTable("users").addColumn("family_name", "text"),
      db.schema.alterTable("users").addColumn("formatted_name", "text"),
      db.schema.alterTable("users").addColumn("emails", "text", (c) => c.notNull().defaultTo("[]")),
      db.schema.alterTable("users").addColumn("updated_at", t, (c) => c.notNull().defaultTo(0)),
      db.schema.alterTable("users").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)),
      db.schema.alterTable("groups").addColumn("external_id", "text"),
      db.schema.alterTable("groups").addColumn("updated_at", t, (c) => c.notNull().defaultTo(0)),
      db.schema.alterTable("groups").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)),
    ];
    for (const statement of columns) await statement.execute();
    await sql`update users set updated_at = created_at`.execute(db);
    await sql`update groups set updated_at = created_at`.execute(db);
    // Identity providers look users and groups up by `externalId eq` and by name, ignoring case.
    await db.schema.createIndex("users_external_id").on("users").column("external_id").execute();
    await db.schema.createIndex("users_name_lower").on("users").expression(sql`lower(name)`).execute();
    await db.schema.createIndex("groups_external_id").on("groups").column("external_id").execute();
    await db.schema.createIndex("groups_name_lower").on("groups").expression(sql`lower(name)`).execute();
  },
};
