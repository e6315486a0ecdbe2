import type Database from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** How many distinct SQL texts keep their prepared statement (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Wraps a better-sqlite3 database for Kysely so that each SQL text is prepared once: Kysely's
 * SQLite driver prepares every query it runs, which costs more than running a small indexed query.
 * Reusing a statement is safe because Kysely runs one query at a time on its single connection,
 * and SQLite re-prepares a statement by itself after a schema change.
 */
export function cacheSqliteStatements(db: Database.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement !== undefined) {
        statements.delete(sql);
      } else {
        statement = db.prepare(sql) as unknown as SqliteStatement;
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

// The statements of the store's fixed SQL texts, per connection (see preparedOnce).
const fixedStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection's prepared statement for one of the store's fixed SQL texts (a constant, or a
 * query compiled once), prepared on first use and kept for the connection's life: for the
 * statements the store runs on the connection itself, outside Kysely.
 */
export function preparedOnce<R = unknown>(db: Database.Database, sql: string): Database.Statement<unknown[], R> {
  let statements = fixedStatements.get(db);
  if (statements === undefined) {
    statements = new Map();
    fixedStatements.set(db, statements);
  }
  let statement = statements.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as Database.Statement<unknown[], R>;
}
