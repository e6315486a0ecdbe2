import type { SpoolRecordV1 } from "@warden/core";
import type Database from "better-sqlite3";
import { CompiledQuery, type Kysely } from "kysely";
import { toMs } from "../codec.ts";
import type { WardenDatabase } from "../database-schema.ts";
import { preparedOnPostgres } from "../postgres-prepared-statements.ts";
import { preparedOnce } from "../sqlite-statement-cache.ts";
import { recordRemainderJson } from "./audit-event-codec.ts";

/** The columns an audit event is stored under, in the order {@link pushAuditEventValues} writes them. */
export const AUDIT_EVENT_COLUMNS = [
  "device_id",
  "seq",
  "time",
  "event",
  "tool",
  "decision",
  "rule_id",
  "reason",
  "failure",
  "repository",
  "tier",
  "user_name",
  "host",
  "policy_revision",
  "prev_hash",
  "hash",
  "record",
  "received_at",
] as const;

// 18 bound parameters a row: 500 rows stay under PostgreSQL's 65535 limit.
export const INSERT_CHUNK = 500;

/**
 * Appends the record's values in {@link AUDIT_EVENT_COLUMNS} order; `record` keeps the rest of it
 * as JSON ({@link recordRemainderJson}).
 */
export function pushAuditEventValues(params: unknown[], record: SpoolRecordV1, receivedAt: number): void {
  params.push(
    record.deviceId,
    record.seq,
    toMs(record.time),
    record.event,
    record.tool,
    record.decision,
    record.ruleId,
    record.reason,
    record.failure,
    record.repo?.remoteUrl ?? record.repo?.root ?? null,
    record.tier,
    record.user,
    record.host,
    record.policyRevision,
    record.prevHash,
    record.hash,
    recordRemainderJson(record),
    receivedAt,
  );
}

const insertTexts = new Map<number, string>();

/** `INSERT … VALUES ($1, …) × rows ON CONFLICT (device_id, seq) DO NOTHING` (PostgreSQL), built once per size. */
function postgresInsertText(rows: number): string {
  let text = insertTexts.get(rows);
  if (text === undefined) {
    let p = 0;
    const tuple = () => `(${AUDIT_EVENT_COLUMNS.map(() => `$${++p}`).join(",")})`;
    const tuples = Array.from({ length: rows }, tuple).join(",");
    text = `insert into audit_events (${AUDIT_EVENT_COLUMNS.join(",")}) values ${tuples} on conflict (device_id, seq) do nothing`;
    // A full chunk is what a busy agent ships: worth a prepared statement on every connection.
    if (rows === INSERT_CHUNK) preparedOnPostgres(text);
    insertTexts.set(rows, text);
  }
  return text;
}

/**
 * PostgreSQL: `INSERT_CHUNK` rows a statement (one round trip each). The statement text is built
 * once per size and run as is: building the same insert through the query builder visits every
 * one of its thousands of values on every batch.
 */
async function insertPostgres(
  db: Kysely<WardenDatabase>,
  records: readonly SpoolRecordV1[],
  receivedAt: number,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    const chunk = records.slice(start, start + INSERT_CHUNK);
    const params: unknown[] = [];
    for (const record of chunk) pushAuditEventValues(params, record, receivedAt);
    const result = await db.executeQuery(CompiledQuery.raw(postgresInsertText(chunk.length), params));
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}

const SQLITE_INSERT = `insert into audit_events (${AUDIT_EVENT_COLUMNS.join(",")}) values (${AUDIT_EVENT_COLUMNS.map(() => "?").join(",")}) on conflict (device_id, seq) do nothing`;

/**
 * SQLite: one prepared single-row insert run per record on the connection itself. In process there
 * is no round trip to save, and a multi-row insert is slower (measured ~30% at 500 rows: it binds
 * and copies every value of the batch before inserting any), as is a Kysely query per row.
 */
function insertSqlite(sqlite: Database.Database, records: readonly SpoolRecordV1[], receivedAt: number): number {
  const statement = preparedOnce(sqlite, SQLITE_INSERT);
  const values: unknown[] = [];
  let inserted = 0;
  for (const record of records) {
    values.length = 0;
    pushAuditEventValues(values, record, receivedAt);
    inserted += statement.run(values).changes;
  }
  return inserted;
}

/**
 * Inserts the records once per (device, seq) and returns how many were new. Call it inside a
 * transaction (`atomically`): on SQLite (`sqlite` is the store's connection, undefined on
 * PostgreSQL) the rows go through that connection, which the transaction holds.
 */
export async function insertAuditRows(
  db: Kysely<WardenDatabase>,
  sqlite: Database.Database | undefined,
  records: readonly SpoolRecordV1[],
  receivedAt: number,
): Promise<number> {
  return sqlite === undefined ? insertPostgres(db, records, receivedAt) : insertSqlite(sqlite, records, receivedAt);
}
