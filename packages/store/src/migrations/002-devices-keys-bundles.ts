import type { Migration } from "./migration.ts";

/** Devices, enrollment tokens, signing keys and per-device bundles. */
export const migration002: Migration = {
  version: 2,
  name: "devices-keys-bundles",
  async up(db, d) {
    const t = d.int64;
    await db.schema
      .createTable("devices")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("hostname", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("credential_hash", "text", (c) => c.notNull().unique())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("agent_version", "text", (c) => c.notNull())
      .addColumn("enrolled_at", t, (c) => c.notNull())
      .addColumn("last_seen_at", t)
      .addColumn("revoked_at", t)
      .execute();
    await db.schema.createIndex("devices_user").on("devices").columns(["user_id"]).execute();
    await db.schema
      .createTable("enrollment_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_by", "text")
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("expires_at", t, (c) => c.notNull())
      .addColumn("used_at", t)
      .addColumn("used_by_device_id", "text")
      .execute();
    await db.schema
      .createTable("signing_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("public_key_pem", "text", (c) => c.notNull())
      .addColumn("private_key_pem", "text", (c) => c.notNull())
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("retired_at", t)
      .execute();
    await db.schema
      .createTable("bundles")
      .addColumn("device_id", "text", (c) => c.notNull().references("devices.id").onDelete("cascade"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("etag", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("signing_key_id", "text", (c) => c.notNull())
      .addColumn("policy_id", "text")
      .addColumn("policy_revision", "integer")
      .addColumn("created_at", t, (c) => c.notNull())
      .addPrimaryKeyConstraint("bundles_pk", ["device_id", "revision"])
      .execute();
  },
};
