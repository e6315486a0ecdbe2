import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";
import type { WardenDatabase } from "./database-schema.ts";

/** The store's SQL dialects. */
export type DialectName = "sqlite" | "postgres";

/**
 * Everything that differs between SQLite and PostgreSQL, in one place: identity columns, the
 * 64-bit integer type for epoch-millisecond times, and the migration lock. Queries themselves go
 * through one Kysely code path.
 */
export interface DialectHelper {
  readonly name: DialectName;
  /** Column type for epoch milliseconds and other 64-bit integers. */
  readonly int64: "integer" | "bigint";
  /** An auto-generated integer primary key. */
  identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Serialises concurrent migrators inside a transaction (no-op where the database locks the whole file). */
  lockMigrations(trx: Kysely<WardenDatabase>): Promise<void>;
}

/** The helper for a dialect. */
export function dialectHelper(name: DialectName): DialectHelper {
  if (name === "sqlite") {
    return {
      name,
      int64: "integer",
      identity: (column) => column.primaryKey().autoIncrement(),
      lockMigrations: async () => {},
    };
  }
  return {
    name,
    int64: "bigint",
    identity: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    // Any constant works; it only has to be the same for every Warden server on this database.
    lockMigrations: async (trx) => {
      await sql`select pg_advisory_xact_lock(7346021)`.execute(trx);
    },
  };
}
