import type { AuditFindingRow, SpoolRecordV1 } from "@warden/core";
import { describe, expect, it } from "vitest";
import { chain } from "./audit-fixtures.ts";
import { type ConformanceContext, unique } from "./conformance-context.ts";

/** A seeded pseudo-random generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Link {
  readonly seq: number;
  readonly prevHash: string | null;
  readonly hash: string;
}
type Finding = [kind: "gap" | "break", seq: number, toSeq: number];

/**
 * The ingest rules as a plain model: each (device, seq) is stored once (the first copy received),
 * and after a batch that stored something the verified head walks the stored seqs above it,
 * opening a break at a bad link, a gap (and stopping) at a missing seq; gaps the head passed resolve.
 */
class ChainModel {
  private readonly stored = new Map<number, Link>();
  private seq = 0;
  private hash: string | null = null;
  private readonly findings = new Map<string, { finding: Finding; resolved: boolean }>();

  insert(batch: readonly Link[]): { inserted: number; opened: Finding[]; head: number } {
    let inserted = 0;
    for (const link of batch) {
      if (this.stored.has(link.seq)) continue;
      this.stored.set(link.seq, link);
      inserted++;
    }
    const opened: Finding[] = [];
    if (inserted > 0) {
      const open = (finding: Finding) => {
        const key = `${finding[0]}:${finding[1]}`;
        if (this.findings.has(key)) return;
        this.findings.set(key, { finding, resolved: false });
        opened.push(finding);
      };
      const above = [...this.stored.values()].filter((l) => l.seq > this.seq).sort((a, b) => a.seq - b.seq);
      for (const link of above) {
        if (link.seq !== this.seq + 1) {
          open(["gap", this.seq + 1, link.seq - 1]);
          break;
        }
        if (link.prevHash !== this.hash) open(["break", link.seq, link.seq]);
        this.seq = link.seq;
        this.hash = link.hash;
      }
      for (const entry of this.findings.values()) {
        if (entry.finding[0] === "gap" && entry.finding[1] <= this.seq) entry.resolved = true;
      }
    }
    return { inserted, opened, head: this.seq };
  }

  get head(): number {
    return this.seq;
  }

  open(): Finding[] {
    return [...this.findings.values()].filter((f) => !f.resolved).map((f) => f.finding);
  }
}

const sortFindings = (findings: Finding[]) => [...findings].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
const asFinding = (f: AuditFindingRow): Finding => [f.kind, f.seq, f.toSeq];

/** The store's ingest against {@link ChainModel} over random batches: in order, shuffled, re-sent, with bad links. */
export function auditChainModelConformance(ctx: ConformanceContext): void {
  describe("audit ingest against a model of the chain rules", () => {
    it("stores full 500-record batches (a prepared statement on PostgreSQL) once each, in order or not", async () => {
      const { audit } = ctx.store();
      const device = unique("full");
      const records = chain(device, 2000);
      const batches = [records.slice(500, 1000), records.slice(0, 500), records.slice(1500), records.slice(1000, 1500)];
      const results = [];
      for (const batch of batches) results.push(await audit.insertAuditEvents(device, batch));
      expect(results.map((r) => r.inserted)).toEqual([500, 500, 500, 500]);
      expect(results.flatMap((r) => r.findings.map(asFinding))).toEqual([
        ["gap", 1, 500],
        ["gap", 1001, 1500],
      ]);
      expect(await audit.insertAuditEvents(device, records.slice(0, 500))).toMatchObject({
        inserted: 0,
        duplicates: 500,
      });
      expect(await audit.getChainHead(device)).toMatchObject({ verifiedSeq: 2000, verifiedHash: records[1999]!.hash });
      expect((await audit.listAuditFindings({ chainId: device, open: true })).data).toEqual([]);
      expect(await audit.countAuditEvents({ chainId: device })).toBe(2000);
    });

    it.each([1, 2, 3, 4])("random batches, seed %i: same inserts, findings and head as the model", async (seed) => {
      const { audit } = ctx.store();
      const next = random(seed);
      const device = unique("model");
      const LENGTH = 120;
      const good = chain(device, LENGTH);
      // A second copy of some records whose link is wrong (as if resealed after tampering).
      const bad = new Map<number, SpoolRecordV1>();
      for (const record of good) if (next() < 0.2) bad.set(record.seq, { ...record, prevHash: "e".repeat(64) });
      const model = new ChainModel();
      for (let round = 0; round < 40; round++) {
        // Often from just above the verified head, where the walk picks up what this batch stored.
        const start = next() < 0.4 ? model.head : Math.floor(next() * LENGTH);
        const length = 1 + Math.floor(next() * (next() < 0.3 ? 60 : 12));
        let batch = good
          .slice(start, start + length)
          .map((r) => (bad.has(r.seq) && next() < 0.5 ? bad.get(r.seq)! : r));
        if (next() < 0.3) batch = batch.sort(() => next() - 0.5);
        if (next() < 0.2) batch = batch.filter(() => next() < 0.7);
        if (batch.length === 0) continue;
        const expected = model.insert(batch);
        const result = await audit.insertAuditEvents(device, batch);
        const where = `seed ${seed} round ${round}: seqs ${batch.map((r) => r.seq).join(",")}`;
        expect(result.inserted, where).toBe(expected.inserted);
        expect(result.duplicates, where).toBe(batch.length - expected.inserted);
        expect(sortFindings(result.findings.map(asFinding)), where).toEqual(sortFindings(expected.opened));
        expect((await audit.getChainHead(device))?.verifiedSeq ?? 0, where).toBe(expected.head);
      }
      const open = (await audit.listAuditFindings({ chainId: device, open: true }, { limit: 1000 })).data;
      expect(sortFindings(open.map(asFinding))).toEqual(sortFindings(model.open()));
    });
  });
}
