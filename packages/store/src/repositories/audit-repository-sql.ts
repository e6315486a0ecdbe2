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
import {
  type AuditEventSelection,
  applyAuditFilter,
  auditEventRow,
  auditFindingRow,
  boundDeviceColumn,
  boundDeviceOf,
  chainsBoundTo,
  selectAuditEvents,
} from "./audit-event-codec.ts";
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
    // The audit ingest is the store's bulk writer: the WAL grows with it.
    this.ctx.walCheckpointer?.start();
    const at = this.ctx.now();
    return atomically(this.ctx, async (db) => {
      const inserted = await insertAuditRows(db, this.ctx.sqlite, records, at);
      // All new: the batch is what the table now holds under its seqs, so the chain walk can
      // follow it in memory. With duplicates the stored (first-received) copies decide.
      const stored = inserted === records.length ? records : [];
      const { opened } =
        inserted > 0 ? await advanceAuditChain({ ...this.ctx, db }, deviceId, at, stored) : { opened: [] };
      return { inserted, duplicates: records.length - inserted, findings: opened };
    });
  }

  async queryAuditEvents(filter: AuditEventFilter, page: PageRequest = {}): Promise<Page<AuditEventRow>> {
    const limit = pageLimit(page.limit);
    const cursor = page.cursor ? decodeCursor<number>(page.cursor, "number") : null;
    const rows = await this.newestFirst(filter, cursor, limit + 1);
    const data = rows.slice(0, limit).map(auditEventRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor([Number(last.time), Number(last.id)]) : null };
  }

  /**
   * Up to `count` events newest first, after `cursor`. A device's events are those of the chains
   * bound to it (usually one): one query per chain, each a range scan of the (device_id, time, id)
   * index, merged; a single `device_id IN (…)` query would sort all of the device's events first.
   */
  private async newestFirst(
    filter: AuditEventFilter,
    cursor: [number, number] | null,
    count: number,
  ): Promise<AuditEventSelection[]> {
    if (filter.deviceId === undefined) return this.newestFirstOf(filter, cursor, count);
    let chains = this.ctx.db
      .selectFrom("audit_chain_devices")
      .select("chain_id")
      .where("device_id", "=", filter.deviceId);
    if (filter.chainId !== undefined) chains = chains.where("chain_id", "=", filter.chainId);
    const pages: AuditEventSelection[][] = [];
    for (const { chain_id } of await chains.execute()) {
      pages.push(await this.newestFirstOf({ ...filter, deviceId: undefined, chainId: chain_id }, cursor, count));
    }
    if (pages.length <= 1) return pages[0] ?? [];
    const byTimeThenId = (a: AuditEventSelection, b: AuditEventSelection) =>
      Number(b.time) - Number(a.time) || Number(b.id) - Number(a.id);
    return pages.flat().sort(byTimeThenId).slice(0, count);
  }

  private newestFirstOf(
    filter: AuditEventFilter,
    cursor: [number, number] | null,
    count: number,
  ): Promise<AuditEventSelection[]> {
    let query = applyAuditFilter(selectAuditEvents(this.ctx.db), filter);
    if (cursor !== null) {
      const [time, id] = cursor;
      query = query.where((eb) => eb(eb.refTuple("time", "id"), "<", eb.tuple(time, id)));
    }
    return query.orderBy("time", "desc").orderBy("id", "desc").limit(count).execute();
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
    return row ? auditFindingRow(row, await boundDeviceOf(this.ctx.db, deviceId)) : null;
  }

  async listAuditFindings(
    filter: { deviceId?: string; chainId?: string; open?: boolean } = {},
    page: PageRequest = {},
  ): Promise<Page<AuditFindingRow>> {
    const limit = pageLimit(page.limit);
    let query = this.ctx.db
      .selectFrom("audit_findings")
      .selectAll("audit_findings")
      .select(boundDeviceColumn("audit_findings"));
    if (filter.deviceId !== undefined) {
      query = query.where("audit_findings.device_id", "in", chainsBoundTo(filter.deviceId));
    }
    if (filter.chainId !== undefined) query = query.where("audit_findings.device_id", "=", filter.chainId);
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
    const data = rows.slice(0, limit).map((row) => auditFindingRow(row, row.bound_device_id));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor([Number(last.created_at), last.id]) : null };
  }
}
