import type { AuditEventFilter, AuditEventRow, AuditFindingRow, SpoolRecordV1 } from "@warden/core";
import type { ExpressionBuilder, Kysely, Selectable, SelectQueryBuilder } from "kysely";
import { toIso, toIsoOrNull, toMs } from "../codec.ts";
import type { AuditEventsTable, AuditFindingsTable, WardenDatabase } from "../database-schema.ts";

/**
 * What `audit_events.record` stores: the record without the fields its columns already hold
 * verbatim, as JSON: a little under half of it (the two hashes alone are ~150 bytes), so every
 * row, and what each ingest batch writes, is that much smaller. {@link storedRecord} puts the
 * fields back. Rows written before hold the whole record, which reads back the same way.
 */
export function recordRemainderJson(record: SpoolRecordV1): string {
  const {
    deviceId: _deviceId,
    seq: _seq,
    event: _event,
    tool: _tool,
    decision: _decision,
    ruleId: _ruleId,
    reason: _reason,
    failure: _failure,
    tier: _tier,
    user: _user,
    host: _host,
    policyRevision: _policyRevision,
    prevHash: _prevHash,
    hash: _hash,
    ...remainder
  } = record;
  return JSON.stringify(remainder);
}

/** The record a row holds: its stored JSON with the column fields put back, in the order the agent writes them. */
export function storedRecord(row: Selectable<AuditEventsTable>): SpoolRecordV1 {
  const stored = JSON.parse(row.record) as SpoolRecordV1;
  return {
    v: stored.v,
    time: stored.time,
    event: row.event,
    tool: row.tool,
    input: stored.input,
    decision: row.decision as SpoolRecordV1["decision"],
    ruleId: row.rule_id,
    reason: row.reason,
    failure: row.failure,
    sessionId: stored.sessionId,
    turnId: stored.turnId,
    toolUseId: stored.toolUseId,
    cwd: stored.cwd,
    repo: stored.repo,
    tier: row.tier,
    user: row.user_name,
    host: row.host,
    policyRevision: row.policy_revision,
    latencyMs: stored.latencyMs,
    deviceId: row.device_id,
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** An `audit_events` row with the enrolled device its chain is bound to, as {@link selectAuditEvents} reads it. */
export type AuditEventSelection = Selectable<AuditEventsTable> & { readonly bound_device_id: string | null };

/** The tables whose `device_id` column holds an audit chain id. */
type ChainTable = "audit_events" | "audit_findings";

/**
 * `bound_device_id`: the enrolled device the row's chain (`device_id`) is bound to
 * (`audit_chain_devices`), or null: one primary-key lookup per row returned.
 */
export function boundDeviceColumn(table: ChainTable) {
  return (eb: ExpressionBuilder<WardenDatabase, ChainTable>) =>
    eb
      .selectFrom("audit_chain_devices")
      .select("audit_chain_devices.device_id")
      .whereRef("audit_chain_devices.chain_id", "=", `${table}.device_id`)
      .as("bound_device_id");
}

/** The chains bound to an enrolled device, for `where(<chain column>, "in", …)`. */
export function chainsBoundTo(deviceId: string) {
  return (eb: ExpressionBuilder<WardenDatabase, ChainTable>) =>
    eb
      .selectFrom("audit_chain_devices")
      .select("audit_chain_devices.chain_id")
      .where("audit_chain_devices.device_id", "=", deviceId);
}

/** `audit_events` rows with `bound_device_id` (see {@link boundDeviceColumn}). */
export function selectAuditEvents(db: Kysely<WardenDatabase>) {
  return db.selectFrom("audit_events").selectAll("audit_events").select(boundDeviceColumn("audit_events"));
}

/** A stored audit event as the port returns it. */
export function auditEventRow(row: AuditEventSelection): AuditEventRow {
  return {
    id: Number(row.id),
    deviceId: row.bound_device_id,
    chainId: row.device_id,
    seq: Number(row.seq),
    time: toIso(row.time),
    event: row.event,
    tool: row.tool,
    decision: row.decision as AuditEventRow["decision"],
    ruleId: row.rule_id,
    reason: row.reason,
    failure: row.failure,
    repository: row.repository,
    tier: row.tier,
    user: row.user_name,
    host: row.host,
    policyRevision: row.policy_revision,
    receivedAt: toIso(row.received_at),
    record: storedRecord(row),
  };
}

/** A stored finding as the port returns it, with the enrolled device its chain is bound to (or null). */
export function auditFindingRow(row: Selectable<AuditFindingsTable>, boundDeviceId: string | null): AuditFindingRow {
  return {
    id: row.id,
    deviceId: boundDeviceId,
    chainId: row.device_id,
    kind: row.kind as AuditFindingRow["kind"],
    seq: Number(row.seq),
    toSeq: Number(row.to_seq),
    detail: row.detail,
    createdAt: toIso(row.created_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
  };
}

/**
 * Adds the filter's conditions. Each equality filter has a (column, time, id) index and the time
 * range a (time, id) one, so a filter plus the newest-first order is an index range scan. The
 * device filter matches the chains bound to the device (a subquery, right for counting; a page
 * query resolves the chains first, see `AuditRepositorySql.queryAuditEvents`).
 */
export function applyAuditFilter<O>(
  query: SelectQueryBuilder<WardenDatabase, "audit_events", O>,
  filter: AuditEventFilter,
): SelectQueryBuilder<WardenDatabase, "audit_events", O> {
  let q = query;
  if (filter.from !== undefined) q = q.where("time", ">=", toMs(filter.from));
  if (filter.to !== undefined) q = q.where("time", "<", toMs(filter.to));
  if (filter.user !== undefined) q = q.where("user_name", "=", filter.user);
  if (filter.chainId !== undefined) q = q.where("device_id", "=", filter.chainId);
  if (filter.deviceId !== undefined) q = q.where("audit_events.device_id", "in", chainsBoundTo(filter.deviceId));
  if (filter.repository !== undefined) q = q.where("repository", "=", filter.repository);
  if (filter.tier !== undefined) q = q.where("tier", "=", filter.tier);
  if (filter.tool !== undefined) q = q.where("tool", "=", filter.tool);
  if (filter.decision !== undefined) q = q.where("decision", "=", filter.decision);
  if (filter.ruleId !== undefined) q = q.where("rule_id", "=", filter.ruleId);
  return q;
}

/** The enrolled device a chain is bound to, or null. */
export async function boundDeviceOf(db: Kysely<WardenDatabase>, chainId: string): Promise<string | null> {
  const row = await db
    .selectFrom("audit_chain_devices")
    .select("device_id")
    .where("chain_id", "=", chainId)
    .executeTakeFirst();
  return row?.device_id ?? null;
}
