import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

const names = new Map<string, string>();

/**
 * Marks a SQL text to run as a named prepared statement on PostgreSQL: each connection parses and
 * plans it once instead of on every run. For the few large, hot statements (a 500-row insert has
 * 9,000 parameters and costs the server more to parse than to execute); every marked text stays
 * prepared on every pooled connection, so mark a bounded set. Returns `text`.
 */
export function preparedOnPostgres(text: string): string {
  if (!names.has(text)) names.set(text, `warden_prepared_${names.size + 1}`);
  return text;
}

/**
 * A pool for Kysely's PostgreSQL dialect that runs texts marked with {@link preparedOnPostgres} as
 * named statements (pg prepares a name once per connection) and everything else as before.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps its connection state per client object: hand out one wrapper per client.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (wrapper === undefined) {
      wrapper = {
        query(text: unknown, parameters?: readonly unknown[]) {
          const name = typeof text === "string" ? names.get(text) : undefined;
          if (name !== undefined) return client.query({ name, text: text as string, values: parameters as unknown[] });
          return (client.query as (...args: unknown[]) => unknown)(text, parameters);
        },
        release: () => client.release(),
      } as PostgresPoolClient;
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
