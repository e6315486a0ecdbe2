import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import type { WardenDatabase } from "../database-schema.ts";
import type { RepositoryContext } from "./repository-context.ts";

/**
 * A query built and compiled once per dialect, then run with new parameter values: for the reads
 * every device request makes, where building and compiling the query costs as much as running it.
 * `build` must bind exactly the parameters `run` is given, in the same order.
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
    const { rows } = await ctx.db.executeQuery(CompiledQuery.raw(query.sql, [...parameters]) as CompiledQuery<R>);
    return rows;
  };
}
