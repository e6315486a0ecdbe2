import type { Migration } from "./migration.ts";

/** Columns `GET /v1/audit/events` filters on by equality; each gets a (column, time, id) index. */
export const AUDIT_FILTER_COLUMNS = [
  "user_name",
  "device_id",
  "repository",
  "tier",
  "tool",
  "decision",
  "rule_id",
] as const;

/** Audit events (once per device and seq), per-device verified chain heads, chain findings. */
export const migration003: Migration = {
  version: 3,
  name: "audit",
  async up(db, d) {
    const t = d.int64;
    await db.schema
      .createTable("audit_events")
      .addColumn("id", d.int64, (c) => d.identity(c))
      .addColumn("device_id", "text", (c) => c.notNull())
      .addColumn("seq", d.int64, (c) => c.notNull())
      .addColumn("time", t, (c) => c.notNull())
      .addColumn("event", "text")
      .addColumn("tool", "text")
      .addColumn("decision", "text", (c) => c.notNull())
      .addColumn("rule_id", "text")
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("failure", "text")
      .addColumn("repository", "text")
      .addColumn("tier", "text")
      .addColumn("user_name", "text")
      .addColumn("host", "text")
      .addColumn("policy_revision", "text")
      .addColumn("prev_hash", "text")
      .addColumn("hash", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .addColumn("received_at", t, (c) => c.notNull())
      .execute();
    // Idempotent ingest (`onConflict(device_id, seq).doNothing()`) and the chain walk.
    await db.schema
      .createIndex("audit_events_device_seq")
      .on("audit_events")
      .columns(["device_id", "seq"])
      .unique()
      .execute();
    // Newest-first keyset pagination: every query orders by (time desc, id desc) and seeks on it.
    await db.schema.createIndex("audit_events_time").on("audit_events").columns(["time", "id"]).execute();
    for (const column of AUDIT_FILTER_COLUMNS) {
      await db.schema
        .createIndex(`audit_events_${column}_time`)
        .on("audit_events")
        .columns([column, "time", "id"])
        .execute();
    }

    await db.schema
      .createTable("audit_chain_heads")
      .addColumn("device_id", "text", (c) => c.primaryKey())
      .addColumn("verified_seq", d.int64, (c) => c.notNull())
      .addColumn("verified_hash", "text")
      .execute();
    await db.schema
      .createTable("audit_findings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("device_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("seq", d.int64, (c) => c.notNull())
      .addColumn("to_seq", d.int64, (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull())
      .addColumn("created_at", t, (c) => c.notNull())
      .addColumn("resolved_at", t)
      .execute();
    await db.schema
      .createIndex("audit_findings_device_kind_seq")
      .on("audit_findings")
      .columns(["device_id", "kind", "seq"])
      .unique()
      .execute();
    await db.schema.createIndex("audit_findings_created").on("audit_findings").columns(["created_at", "id"]).execute();
  },
};
