import type { SpoolRecordV1 } from "@warden/core";
import { CompiledQuery, type Kysely } from "kysely";
import { toMs } from "../codec.ts";
import type { WardenDatabase } from "../database-schema.ts";
import type { DialectName } from "../dialect-helper.ts";
import { preparedOnPostgres } from "../postgres-prepared-statements.ts";

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

// 18 bound parameters a row: 500 rows stay under SQLite's 32766 and PostgreSQL's 65535 limits.
export const INSERT_CHUNK = 500;

/** Appends the record's values in {@link AUDIT_EVENT_COLUMNS} order; the whole record is kept as JSON besides. */
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
    JSON.stringify(record),
    receivedAt,
  );
}

const insertTexts = new Map<string, string>();

/** `INSERT … VALUES (…) × rows ON CONFLICT (device_id, seq) DO NOTHING`, built once per dialect and size. */
function insertText(dialect: DialectName, rows: number): string {
  const cacheKey = `${dialect}:${rows}`;
  let text = insertTexts.get(cacheKey);
  if (text === undefined) {
    let p = 0;
    const width = AUDIT_EVENT_COLUMNS.length;
    const tuple = () =>
      `(${Array.from({ length: width }, () => (dialect === "postgres" ? `$${++p}` : "?")).join(",")})`;
    const tuples = Array.from({ length: rows }, tuple).join(",");
    text = `insert into audit_events (${AUDIT_EVENT_COLUMNS.join(",")}) values ${tuples} on conflict (device_id, seq) do nothing`;
    // A full chunk is what a busy agent ships: worth a prepared statement on every connection.
    if (rows === INSERT_CHUNK) preparedOnPostgres(text);
    insertTexts.set(cacheKey, text);
  }
  return text;
}

/**
 * Inserts the records once per (device, seq), `INSERT_CHUNK` rows a statement, and returns how many
 * were new. The statement text is built once per size and run as is: building the same insert
 * through the query builder visits every one of its thousands of values on every batch.
 */
export async function insertAuditRows(
  db: Kysely<WardenDatabase>,
  dialect: DialectName,
  records: readonly SpoolRecordV1[],
  receivedAt: number,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    const chunk = records.slice(start, start + INSERT_CHUNK);
    const params: unknown[] = [];
    for (const record of chunk) pushAuditEventValues(params, record, receivedAt);
    const result = await db.executeQuery(CompiledQuery.raw(insertText(dialect, chunk.length), params));
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}
