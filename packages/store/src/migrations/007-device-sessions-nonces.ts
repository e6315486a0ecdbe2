import type { Migration } from "./migration.ts";

/**
 * Device authentication shared by every server process on one database: `server_secrets` (the
 * installation's device-session secret, created on first use, see `ensureSessionSecret`) and
 * `device_request_nonces`, the nonces of device-signed requests claimed inside their timestamp
 * window, so a request replayed to another process is refused too.
 */
export const migration007: Migration = {
  version: 7,
  name: "device-sessions-nonces",
  async up(db, d) {
    await db.schema
      .createTable("server_secrets")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("created_at", d.int64, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("device_request_nonces")
      .addColumn("device_id", "text", (c) => c.notNull().references("devices.id").onDelete("cascade"))
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("expires_at", d.int64, (c) => c.notNull())
      .addPrimaryKeyConstraint("device_request_nonces_pk", ["device_id", "nonce"])
      .execute();
    // The sweep deletes by expiry: indexed, so it costs what it deletes, not the table's size.
    await db.schema
      .createIndex("device_request_nonces_expires")
      .on("device_request_nonces")
      .columns(["expires_at"])
      .execute();
  },
};
