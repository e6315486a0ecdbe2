import type { AuditChainHead, AuditFindingRow } from "@warden/core";
import type { Kysely } from "kysely";
import { newId } from "../codec.ts";
import type { WardenDatabase } from "../database-schema.ts";
import { auditFindingRow } from "./audit-event-codec.ts";

const WALK_PAGE = 1000;

/** One link of a device's chain as stored: its seq and the hashes it links with. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string;
}

/**
 * Advances a device's verified chain head over the events stored since, inside the caller's
 * transaction: opens a `break` finding where a `prevHash` is not the predecessor's hash, opens a
 * `gap` finding where the next seq is missing while later ones are stored, and resolves gap
 * findings the head has passed (late batches filled them). Returns the findings it opened.
 *
 * `stored`, when given, are links this transaction has just inserted (every one of them new, so
 * they are exactly what is stored under their seqs): the walk follows them in memory while they
 * continue the chain, and reads the table only from where they stop.
 */
export async function advanceAuditChain(
  db: Kysely<WardenDatabase>,
  deviceId: string,
  at: number,
  stored: readonly ChainLink[] = [],
): Promise<{ head: AuditChainHead; opened: AuditFindingRow[] }> {
  // Creates the head or, as a no-op update, locks it (PostgreSQL; SQLite already serialises
  // writers), so two batches of one device advance the chain one after the other.
  const locked = await db
    .insertInto("audit_chain_heads")
    .values({ device_id: deviceId, verified_seq: 0, verified_hash: null })
    .onConflict((oc) =>
      oc.column("device_id").doUpdateSet((eb) => ({ verified_seq: eb.ref("audit_chain_heads.verified_seq") })),
    )
    .returning((eb) => [
      "verified_seq",
      "verified_hash",
      // Whether any gap is open: the only findings the walk can resolve (saves a statement a batch).
      eb
        .exists(
          eb
            .selectFrom("audit_findings")
            .select("audit_findings.seq")
            .where("audit_findings.device_id", "=", deviceId)
            .where("audit_findings.kind", "=", "gap")
            .where("audit_findings.resolved_at", "is", null),
        )
        .as("gaps_open"),
    ])
    .executeTakeFirstOrThrow();
  const from = Number(locked.verified_seq);
  let seq = from;
  let hash = locked.verified_hash;
  const opened: AuditFindingRow[] = [];
  const open = async (kind: "gap" | "break", first: number, last: number, detail: string) => {
    const row = await db
      .insertInto("audit_findings")
      .values({
        id: newId(),
        device_id: deviceId,
        kind,
        seq: first,
        to_seq: last,
        detail,
        created_at: at,
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(["device_id", "kind", "seq"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) opened.push(auditFindingRow(row));
  };
  /** Follows one link; false at a gap (the walk ends there). */
  const follow = async (link: ChainLink): Promise<boolean> => {
    if (link.seq !== seq + 1) {
      await open("gap", seq + 1, link.seq - 1, `seq ${seq + 1}…${link.seq - 1} missing before seq ${link.seq}`);
      return false;
    }
    if (link.prevHash !== hash) {
      await open("break", link.seq, link.seq, `seq ${link.seq} prevHash ${link.prevHash} ≠ hash of seq ${seq} ${hash}`);
    }
    seq = link.seq;
    hash = link.hash;
    return true;
  };

  // The batch's links in seq order, then the table from the first seq they do not supply: the
  // same walk as reading everything from the table, since those links are what it holds.
  const batch = [...stored].sort((a, b) => a.seq - b.seq);
  let next = 0;
  while (next < batch.length && batch[next]!.seq <= seq) next++;
  while (next < batch.length && batch[next]!.seq === seq + 1) await follow(batch[next++]!);
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
      if (!(await follow({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }))) break walk;
    }
    if (rows.length < WALK_PAGE) break;
  }

  if (seq !== from) {
    await db
      .updateTable("audit_chain_heads")
      .set({ verified_seq: seq, verified_hash: hash })
      .where("device_id", "=", deviceId)
      .execute();
  }
  // A gap opens above the head where the walk stopped, so only gaps open before this walk can be
  // resolved by it, and only if the head moved.
  if (seq !== from && locked.gaps_open) {
    await db
      .updateTable("audit_findings")
      .set({ resolved_at: at })
      .where("device_id", "=", deviceId)
      .where("kind", "=", "gap")
      .where("seq", "<=", seq)
      .where("resolved_at", "is", null)
      .execute();
  }
  return { head: { deviceId, verifiedSeq: seq, verifiedHash: hash }, opened };
}
