import { sql } from "kysely";
import type { Migration } from "./migration.ts";

/**
 * Signing-key rotation and device-bound audit shipping: `signing_keys.signing_since` (which active
 * key signs, chosen by an admin rather than "the newest"), and `audit_chain_devices`, the enrolled
 * device each audit chain (a spool's `deviceId`) was first shipped by.
 */
export const migration005: Migration = {
  version: 5,
  name: "key-rotation-chain-devices",
  async up(db, d) {
    await db.schema.alterTable("signing_keys").addColumn("signing_since", d.int64).execute();
    // Every key active so far was "the signer while newest": keeps the newest signing after the upgrade.
    await sql`update signing_keys set signing_since = created_at where retired_at is null`.execute(db);
    await db.schema
      .createTable("audit_chain_devices")
      .addColumn("chain_id", "text", (c) => c.primaryKey())
      .addColumn("device_id", "text", (c) => c.notNull().references("devices.id").onDelete("cascade"))
      .addColumn("bound_at", d.int64, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_chain_devices_device")
      .on("audit_chain_devices")
      .columns(["device_id"])
      .execute();
  },
};
