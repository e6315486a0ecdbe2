import type { AuditEventFilter, AuditEventRow, AuditFindingRow, SpoolRecordV1 } from "@warden/core";
import type { Selectable, SelectQueryBuilder } from "kysely";
import { toIso, toIsoOrNull, toMs } from "../codec.ts";
import type { AuditEventsTable, AuditFindingsTable, WardenDatabase } from "../database-schema.ts";

/** A stored audit event as the port returns it. */
export function auditEventRow(row: Selectable<AuditEventsTable>): AuditEventRow {
  return {
    id: Number(row.id),
    deviceId: row.device_id,
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
    record: JSON.parse(row.record) as SpoolRecordV1,
  };
}

/** A stored finding as the port returns it. */
export function auditFindingRow(row: Selectable<AuditFindingsTable>): AuditFindingRow {
  return {
    id: row.id,
    deviceId: row.device_id,
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
 * range a (time, id) one, so a filter plus the newest-first order is an index range scan.
 */
export function applyAuditFilter<O>(
  query: SelectQueryBuilder<WardenDatabase, "audit_events", O>,
  filter: AuditEventFilter,
): SelectQueryBuilder<WardenDatabase, "audit_events", O> {
  let q = query;
  if (filter.from !== undefined) q = q.where("time", ">=", toMs(filter.from));
  if (filter.to !== undefined) q = q.where("time", "<", toMs(filter.to));
  if (filter.user !== undefined) q = q.where("user_name", "=", filter.user);
  if (filter.deviceId !== undefined) q = q.where("device_id", "=", filter.deviceId);
  if (filter.repository !== undefined) q = q.where("repository", "=", filter.repository);
  if (filter.tier !== undefined) q = q.where("tier", "=", filter.tier);
  if (filter.tool !== undefined) q = q.where("tool", "=", filter.tool);
  if (filter.decision !== undefined) q = q.where("decision", "=", filter.decision);
  if (filter.ruleId !== undefined) q = q.where("rule_id", "=", filter.ruleId);
  return q;
}
