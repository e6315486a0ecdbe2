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
}

/** Runs `work` atomically: in a new transaction, or in the caller's when there already is one. */
export function atomically<T>(ctx: RepositoryContext, work: (db: Kysely<WardenDatabase>) => Promise<T>): Promise<T> {
  return ctx.inTransaction ? work(ctx.db) : ctx.db.transaction().execute(work);
}
