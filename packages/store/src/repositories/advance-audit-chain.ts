import type { AuditChainHead, AuditFindingRow } from "@warden/core";
import { newId } from "../codec.ts";
import { auditFindingRow, boundDeviceOf } from "./audit-event-codec.ts";
import { compileOnce } from "./compile-once.ts";
import type { RepositoryContext } from "./repository-context.ts";

const WALK_PAGE = 1000;

/** One link of a device's chain as stored: its seq and the hashes it links with. */
export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string;
}

// Every ingest batch runs these three: built and compiled once (see compileOnce).
const lockHead = compileOnce((db) =>
  db
    .insertInto("audit_chain_heads")
    .values({ device_id: "", verified_seq: 0, verified_hash: null })
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
            .where("audit_findings.device_id", "=", "")
            .where("audit_findings.kind", "=", "gap")
            .where("audit_findings.resolved_at", "is", null),
        )
        .as("gaps_open"),
    ]),
);
const storedLinks = compileOnce((db) =>
  db
    .selectFrom("audit_events")
    .select(["seq", "prev_hash", "hash"])
    .where("device_id", "=", "")
    .where("seq", ">", 0)
    .orderBy("seq")
    .limit(WALK_PAGE),
);
const moveHead = compileOnce((db) =>
  db.updateTable("audit_chain_heads").set({ verified_seq: 0, verified_hash: "" }).where("device_id", "=", ""),
);

/** A finding the walk found, opened once the walk is done. */
interface Found {
  readonly kind: "gap" | "break";
  readonly seq: number;
  readonly toSeq: number;
  readonly detail: string;
}

/** Where a walk along a chain stands: the last verified link, and what it found on the way. */
class ChainWalk {
  readonly found: Found[] = [];

  constructor(
    public seq: number,
    public hash: string | null,
  ) {}

  /** Follows one link; false at a gap (a `gap` finding; the walk ends there), a bad link is a `break`. */
  follow(link: ChainLink): boolean {
    const { seq, hash } = this;
    if (link.seq !== seq + 1) {
      const detail = `seq ${seq + 1}…${link.seq - 1} missing before seq ${link.seq}`;
      this.found.push({ kind: "gap", seq: seq + 1, toSeq: link.seq - 1, detail });
      return false;
    }
    if (link.prevHash !== hash) {
      const detail = `seq ${link.seq} prevHash ${link.prevHash} ≠ hash of seq ${seq} ${hash}`;
      this.found.push({ kind: "break", seq: link.seq, toSeq: link.seq, detail });
    }
    this.seq = link.seq;
    this.hash = link.hash;
    return true;
  }
}

/** The links in seq order (a batch usually is already). */
function bySeq(links: readonly ChainLink[]): readonly ChainLink[] {
  for (let i = 1; i < links.length; i++) {
    if (links[i]!.seq < links[i - 1]!.seq) return [...links].sort((a, b) => a.seq - b.seq);
  }
  return links;
}

/**
 * Advances a device's verified chain head over the events stored since, inside the caller's
 * transaction (`ctx.db`): opens a `break` finding where a `prevHash` is not the predecessor's hash,
 * opens a `gap` finding where the next seq is missing while later ones are stored, and resolves gap
 * findings the head has passed (late batches filled them). Returns the findings it opened.
 *
 * `stored`, when given, are links this transaction has just inserted (every one of them new, so
 * they are exactly what is stored under their seqs): the walk follows them in memory while they
 * continue the chain, and reads the table only from where they stop.
 */
export async function advanceAuditChain(
  ctx: RepositoryContext,
  deviceId: string,
  at: number,
  stored: readonly ChainLink[] = [],
): Promise<{ head: AuditChainHead; opened: AuditFindingRow[] }> {
  // Creates the head or, as a no-op update, locks it (PostgreSQL; SQLite already serialises
  // writers), so two batches of one device advance the chain one after the other.
  const [locked] = await lockHead(ctx, [deviceId, 0, null, deviceId, "gap"]);
  if (locked === undefined) throw new Error(`audit chain head of ${deviceId} not returned by its upsert`);
  const from = Number(locked.verified_seq);
  const walk = new ChainWalk(from, locked.verified_hash);

  // The batch's links in seq order, then the table from the first seq they do not supply: the
  // same walk as reading everything from the table, since those links are what it holds.
  const batch = bySeq(stored);
  let next = 0;
  while (next < batch.length && batch[next]!.seq <= walk.seq) next++;
  while (next < batch.length && batch[next]!.seq === walk.seq + 1) walk.follow(batch[next++]!);
  for (let more = true; more; ) {
    const rows = await storedLinks(ctx, [deviceId, walk.seq, WALK_PAGE]);
    // `every` stops at the first gap, which ends the walk.
    const followed = rows.every((row) =>
      walk.follow({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }),
    );
    more = followed && rows.length === WALK_PAGE;
  }

  const opened: AuditFindingRow[] = [];
  // The device the chain is bound to, read once and only when a finding is opened (rare).
  let bound: string | null | undefined;
  for (const finding of walk.found) {
    const row = await ctx.db
      .insertInto("audit_findings")
      .values({
        id: newId(),
        device_id: deviceId,
        kind: finding.kind,
        seq: finding.seq,
        to_seq: finding.toSeq,
        detail: finding.detail,
        created_at: at,
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(["device_id", "kind", "seq"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    if (bound === undefined) bound = await boundDeviceOf(ctx.db, deviceId);
    opened.push(auditFindingRow(row, bound));
  }
  const { seq, hash } = walk;
  if (seq !== from) await moveHead(ctx, [seq, hash, deviceId]);
  // A gap opens above the head where the walk stopped, so only gaps open before this walk can be
  // resolved by it, and only if the head moved.
  if (seq !== from && locked.gaps_open) {
    await ctx.db
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
