import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ControlPlaneStore } from "@warden/core";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { WardenDatabase } from "./database-schema.ts";
import { type DialectName, dialectHelper } from "./dialect-helper.ts";
import { runMigrations } from "./migrations/run-migrations.ts";
import { preparingPool } from "./postgres-prepared-statements.ts";
import { createRepositories } from "./repositories/create-repositories.ts";
import { cacheSqliteStatements } from "./sqlite-statement-cache.ts";
import { WalCheckpointer } from "./sqlite-wal-checkpointer.ts";

/** Where the store lives: PostgreSQL when `databaseUrl` is set, else `<dataDir>/warden.db`. */
export interface OpenStoreOptions {
  /** `postgres://…` (e.g. `WARDEN_DATABASE_URL`); absent or empty means embedded SQLite. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Stop migrating after this version (tests of upgrades); default: every migration. */
  readonly migrateTo?: number;
  /** The clock for `createdAt`-style columns; default `Date.now`. */
  readonly now?: () => number;
}

/** The opened store: the ports plus the raw Kysely handle for tests and tools. */
export interface Store extends ControlPlaneStore {
  readonly db: Kysely<WardenDatabase>;
}

const PG_INT8_OID = 20;

function openKysely(options: OpenStoreOptions): {
  db: Kysely<WardenDatabase>;
  dialect: DialectName;
  sqlite?: Database.Database;
  walCheckpointer?: WalCheckpointer;
} {
  const url = options.databaseUrl?.trim();
  if (url) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // BIGINT columns hold epoch milliseconds and ids, all below 2^53: read them as numbers
      // (pg's default is a string), so both dialects return the same types.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === PG_INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    return {
      db: new Kysely<WardenDatabase>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }),
      dialect: "postgres",
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, "warden.db");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives a crash of
  // the process, and the last ones before an OS crash or power loss may roll back (never corrupt).
  sqlite.pragma("synchronous = NORMAL");
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: index pages an ingest batch dirties are
  // mostly dirtied again by the next ones, so fewer checkpoints copy far fewer pages. Under a
  // steady ingest the WalCheckpointer has copied (and synced) most of them by then.
  sqlite.pragma("wal_autocheckpoint = 10000");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return {
    db: new Kysely<WardenDatabase>({ dialect: new SqliteDialect({ database: cacheSqliteStatements(sqlite) }) }),
    dialect: "sqlite",
    sqlite,
    walCheckpointer: new WalCheckpointer(file),
  };
}

/** Opens (and migrates) the control plane's store. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { db, dialect, sqlite, walCheckpointer } = openKysely(options);
  const helper = dialectHelper(dialect);
  const now = options.now ?? Date.now;
  try {
    await runMigrations(db, helper, { targetVersion: options.migrateTo, now });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const repositories = createRepositories({ db, dialect: helper, now, sqlite, walCheckpointer });
  return {
    ...repositories,
    db,
    dialect,
    transaction: (work) =>
      db
        .transaction()
        .execute((trx) =>
          work(createRepositories({ db: trx, dialect: helper, now, inTransaction: true, sqlite, walCheckpointer })),
        ),
    close: async () => {
      await walCheckpointer?.stop();
      await db.destroy();
    },
  };
}
