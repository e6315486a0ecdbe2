import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import type { WardenDatabase } from "../database-schema.ts";
import { preparedOnce } from "../sqlite-statement-cache.ts";
import type { RepositoryContext } from "./repository-context.ts";

/**
 * A query built and compiled once per dialect, then run with new parameter values: for the reads
 * every device request makes, where building and compiling the query costs as much as running it.
 * `build` must bind exactly the parameters `run` is given, in the same order.
 *
 * On SQLite, when no transaction is open on the connection, the statement runs on it directly
 * (prepared once): better-sqlite3 is synchronous, so it sees only committed rows and nothing else
 * runs on the connection meanwhile, and it skips Kysely's connection lock, whose waiters all wake
 * on every release (under many concurrent requests that costs more than the read). Inside a
 * transaction (ours, or one Kysely holds open on the connection) it goes through Kysely, in order.
 */
export function compileOnce<R>(
  build: (db: Kysely<WardenDatabase>) => Compilable<R>,
): (ctx: RepositoryContext, parameters: readonly unknown[]) => Promise<R[]> {
  const compiled = new Map<string, CompiledQuery<R>>();
  return async (ctx, parameters) => {
    let query = compiled.get(ctx.dialect.name);
    if (query === undefined) {
      query = build(ctx.db).compile();
      compiled.set(ctx.dialect.name, query);
    }
    if (query.parameters.length !== parameters.length) {
      throw new Error(`compiled query takes ${query.parameters.length} parameters, got ${parameters.length}`);
    }
    const sqlite = ctx.sqlite;
    if (sqlite !== undefined && ctx.inTransaction !== true && !sqlite.inTransaction) {
      const statement = preparedOnce<R>(sqlite, query.sql);
      if (statement.reader) return statement.all(parameters);
      statement.run(parameters);
      return [];
    }
    const { rows } = await ctx.db.executeQuery(CompiledQuery.raw(query.sql, [...parameters]) as CompiledQuery<R>);
    return rows;
  };
}
