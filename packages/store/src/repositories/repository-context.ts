import type Database from "better-sqlite3";
import type { Kysely } from "kysely";
import type { WardenDatabase } from "../database-schema.ts";
import type { DialectHelper } from "../dialect-helper.ts";

/** What every repository is built from: a connection (or transaction), the dialect and the clock. */
export interface RepositoryContext {
  readonly db: Kysely<WardenDatabase>;
  readonly dialect: DialectHelper;
  readonly now: () => number;
  /** True when `db` is already a transaction (inside `store.transaction`). */
  readonly inTransaction?: boolean;
  /**
   * SQLite only: the connection Kysely runs on, for statements run on it directly where going
   * through Kysely costs more than the statement: the audit ingest's per-row inserts, inside a
   * transaction Kysely opened ({@link atomically}, so Kysely holds the connection and nothing else
   * runs on it in between), and compiled reads while no transaction is open (see compileOnce).
   */
  readonly sqlite?: Database.Database;
  /** SQLite only: checkpoints the WAL off the writer's thread; bulk writers start it (see sqlite-wal-checkpointer.ts). */
  readonly walCheckpointer?: { start(): void };
}

/** Runs `work` atomically: in a new transaction, or in the caller's when there already is one. */
export function atomically<T>(ctx: RepositoryContext, work: (db: Kysely<WardenDatabase>) => Promise<T>): Promise<T> {
  return ctx.inTransaction ? work(ctx.db) : ctx.db.transaction().execute(work);
}
