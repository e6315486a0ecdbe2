import {
  type AuditChainHead,
  type AuditEventFilter,
  type AuditEventRow,
  type AuditFindingRow,
  type AuditInsertResult,
  type AuditRepository,
  type Page,
  type PageRequest,
  type SpoolRecordV1,
  WardenError,
} from "@warden/core";
import { decodeCursor, encodeCursor, newId, pageLimit } from "../codec.ts";
import { advanceAuditChain } from "./advance-audit-chain.ts";
import { applyAuditFilter, auditEventRow, auditFindingRow } from "./audit-event-codec.ts";
import { insertAuditRows } from "./insert-audit-rows.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

/** Audit events stored once per (device, seq), chain verification and findings, in SQL. */
export class AuditRepositorySql implements AuditRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async insertAuditEvents(deviceId: string, records: readonly SpoolRecordV1[]): Promise<AuditInsertResult> {
    for (const record of records) {
      if (record.deviceId !== deviceId) {
        throw new WardenError("invalid_input", `record seq ${record.seq} belongs to device ${record.deviceId}`);
      }
    }
    const at = this.ctx.now();
    return atomically(this.ctx, async (db) => {
      const inserted = await insertAuditRows(db, this.ctx.dialect.name, records, at);
      // All new: the batch is what the table now holds under its seqs, so the chain walk can
      // follow it in memory. With duplicates the stored (first-received) copies decide.
      const stored = inserted === records.length ? records : [];
      const { opened } = inserted > 0 ? await advanceAuditChain(db, deviceId, at, stored) : { opened: [] };
      return { inserted, duplicates: records.length - inserted, findings: opened };
    });
  }

  async queryAuditEvents(filter: AuditEventFilter, page: PageRequest = {}): Promise<Page<AuditEventRow>> {
    const limit = pageLimit(page.limit);
    let query = applyAuditFilter(this.ctx.db.selectFrom("audit_events").selectAll(), filter);
    if (page.cursor) {
      const [time, id] = decodeCursor<number>(page.cursor, "number");
      query = query.where((eb) => eb(eb.refTuple("time", "id"), "<", eb.tuple(time, id)));
    }
    const rows = await query
      .orderBy("time", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const data = rows.slice(0, limit).map(auditEventRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor([Number(last.time), Number(last.id)]) : null };
  }

  async countAuditEvents(filter: AuditEventFilter): Promise<number> {
    const row = await applyAuditFilter(
      this.ctx.db.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")),
      filter,
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getChainHead(deviceId: string): Promise<AuditChainHead | null> {
    const row = await this.ctx.db
      .selectFrom("audit_chain_heads")
      .selectAll()
      .where("device_id", "=", deviceId)
      .executeTakeFirst();
    return row ? { deviceId, verifiedSeq: Number(row.verified_seq), verifiedHash: row.verified_hash } : null;
  }

  async recordForgedRecord(deviceId: string, seq: number, detail: string): Promise<AuditFindingRow | null> {
    const row = await this.ctx.db
      .insertInto("audit_findings")
      .values({
        id: newId(),
        device_id: deviceId,
        kind: "break",
        seq,
        to_seq: seq,
        detail,
        created_at: this.ctx.now(),
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(["device_id", "kind", "seq"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? auditFindingRow(row) : null;
  }

  async listAuditFindings(
    filter: { deviceId?: string; open?: boolean } = {},
    page: PageRequest = {},
  ): Promise<Page<AuditFindingRow>> {
    const limit = pageLimit(page.limit);
    let query = this.ctx.db.selectFrom("audit_findings").selectAll();
    if (filter.deviceId !== undefined) query = query.where("device_id", "=", filter.deviceId);
    if (filter.open) query = query.where("resolved_at", "is", null);
    if (page.cursor) {
      const [createdAt, id] = decodeCursor<string>(page.cursor, "string");
      query = query.where((eb) => eb(eb.refTuple("created_at", "id"), "<", eb.tuple(createdAt, id)));
    }
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const data = rows.slice(0, limit).map(auditFindingRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor([Number(last.created_at), last.id]) : null };
  }
}
