import type { Kysely } from "kysely";
import type { WardenDatabase } from "../database-schema.ts";
import type { DialectHelper } from "../dialect-helper.ts";
import { migration001 } from "./001-policies-directory-credentials.ts";
import { migration002 } from "./002-devices-keys-bundles.ts";
import { migration003 } from "./003-audit.ts";
import { migration004 } from "./004-scim.ts";
import { migration005 } from "./005-key-rotation-chain-devices.ts";
import { migration006 } from "./006-bundle-generation.ts";
import { migration007 } from "./007-device-sessions-nonces.ts";
import { migration008 } from "./008-purgeable-signing-keys.ts";
import type { Migration } from "./migration.ts";

/** Every migration, in version order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
];

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction,
 * up to `targetVersion` (default: all). Returns the versions it applied; opening a migrated
 * database again applies nothing.
 */
export async function runMigrations(
  db: Kysely<WardenDatabase>,
  dialect: DialectHelper,
  options: { targetVersion?: number; now?: () => number } = {},
): Promise<number[]> {
  const target = options.targetVersion ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("applied_at", dialect.int64, (c) => c.notNull())
    .execute();
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    const done = await db.transaction().execute(async (trx) => {
      await dialect.lockMigrations(trx);
      // Re-read under the lock: another server may have applied it while we waited.
      const row = await trx
        .selectFrom("schema_migrations")
        .select("version")
        .where("version", "=", migration.version)
        .executeTakeFirst();
      if (row) return false;
      await migration.up(trx, dialect);
      await trx
        .insertInto("schema_migrations")
        .values({ version: migration.version, name: migration.name, applied_at: now() })
        .execute();
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** The versions recorded in `schema_migrations`, ascending. */
export async function appliedMigrations(db: Kysely<WardenDatabase>): Promise<number[]> {
  const rows = await db.selectFrom("schema_migrations").select("version").orderBy("version").execute();
  return rows.map((row) => Number(row.version));
}

/** Whether a table exists (tests and diagnostics), through the same query path on both dialects. */
export async function tableExists(db: Kysely<WardenDatabase>, table: string): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === table);
}
