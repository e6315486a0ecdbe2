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
