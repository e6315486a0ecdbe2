import { sql } from "kysely";
import type { Migration } from "./migration.ts";

/**
 * `signing_keys.private_key_pem` becomes nullable: a retired key's private key is deleted once its
 * endorsement window has passed (the server's `purgeRetiredPrivateKeys`), its public key kept.
 *
 * SQLite cannot drop a NOT NULL constraint in place, so the (small) table is rebuilt the way
 * SQLite documents it: a new table, the rows copied, the old one dropped, the new one renamed, then
 * its indexes and triggers (migration 006's) created again from their saved SQL.
 */
export const migration008: Migration = {
  version: 8,
  name: "purgeable-signing-keys",
  async up(db, d) {
    if (d.name === "postgres") {
      await sql`alter table signing_keys alter column private_key_pem drop not null`.execute(db);
      return;
    }
    const attached = await sql<{ sql: string }>`select sql from sqlite_master
      where tbl_name = 'signing_keys' and type in ('index', 'trigger') and sql is not null`.execute(db);
    await db.schema
      .createTable("signing_keys_008")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("public_key_pem", "text", (c) => c.notNull())
      .addColumn("private_key_pem", "text")
      .addColumn("created_at", d.int64, (c) => c.notNull())
      .addColumn("retired_at", d.int64)
      .addColumn("signing_since", d.int64)
      .execute();
    const columns = sql.raw("id, public_key_pem, private_key_pem, created_at, retired_at, signing_since");
    await sql`insert into signing_keys_008 (${columns}) select ${columns} from signing_keys`.execute(db);
    await db.schema.dropTable("signing_keys").execute();
    await db.schema.alterTable("signing_keys_008").renameTo("signing_keys").execute();
    for (const { sql: statement } of attached.rows) await sql.raw(statement).execute(db);
  },
};
