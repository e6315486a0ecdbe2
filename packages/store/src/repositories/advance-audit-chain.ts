import type { AuditChainHead, AuditFindingRow } from "@warden/core";
import type { Kysely } from "kysely";
import { newId } from "../codec.ts";
import type { WardenDatabase } from "../database-schema.ts";
import { auditFindingRow } from "./audit-event-codec.ts";

const WALK_PAGE = 1000;

/**
 * Advances a device's verified chain head over the events stored since, inside the caller's
 * transaction: opens a `break` finding where a `prevHash` is not the predecessor's hash, opens a
 * `gap` finding where the next seq is missing while later ones are stored, and resolves gap
 * findings the head has passed (late batches filled them). Returns the findings it opened.
 */
export async function advanceAuditChain(
  db: Kysely<WardenDatabase>,
  deviceId: string,
  at: number,
): Promise<{ head: AuditChainHead; opened: AuditFindingRow[] }> {
  await db
    .insertInto("audit_chain_heads")
    .values({ device_id: deviceId, verified_seq: 0, verified_hash: null })
    .onConflict((oc) => oc.column("device_id").doNothing())
    .execute();
  // A no-op UPDATE locks the head row on PostgreSQL (SQLite already serialises writers), so two
  // batches of one device advance the chain one after the other.
  const locked = await db
    .updateTable("audit_chain_heads")
    .set((eb) => ({ verified_seq: eb.ref("verified_seq") }))
    .where("device_id", "=", deviceId)
    .returning(["verified_seq", "verified_hash"])
    .executeTakeFirstOrThrow();
  let seq = Number(locked.verified_seq);
  let hash = locked.verified_hash;
  const opened: AuditFindingRow[] = [];
  const open = async (kind: "gap" | "break", from: number, to: number, detail: string) => {
    const row = await db
      .insertInto("audit_findings")
      .values({
        id: newId(),
        device_id: deviceId,
        kind,
        seq: from,
        to_seq: to,
        detail,
        created_at: at,
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(["device_id", "kind", "seq"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) opened.push(auditFindingRow(row));
  };

  walk: for (;;) {
    const rows = await db
      .selectFrom("audit_events")
      .select(["seq", "prev_hash", "hash"])
      .where("device_id", "=", deviceId)
      .where("seq", ">", seq)
      .orderBy("seq")
      .limit(WALK_PAGE)
      .execute();
    for (const row of rows) {
      const rowSeq = Number(row.seq);
      if (rowSeq !== seq + 1) {
        await open("gap", seq + 1, rowSeq - 1, `seq ${seq + 1}…${rowSeq - 1} missing before seq ${rowSeq}`);
        break walk;
      }
      if (row.prev_hash !== hash) {
        await open("break", rowSeq, rowSeq, `seq ${rowSeq} prevHash ${row.prev_hash} ≠ hash of seq ${seq} ${hash}`);
      }
      seq = rowSeq;
      hash = row.hash;
    }
    if (rows.length < WALK_PAGE) break;
  }

  await db
    .updateTable("audit_chain_heads")
    .set({ verified_seq: seq, verified_hash: hash })
    .where("device_id", "=", deviceId)
    .execute();
  await db
    .updateTable("audit_findings")
    .set({ resolved_at: at })
    .where("device_id", "=", deviceId)
    .where("kind", "=", "gap")
    .where("seq", "<=", seq)
    .where("resolved_at", "is", null)
    .execute();
  return { head: { deviceId, verifiedSeq: seq, verifiedHash: hash }, opened };
}
