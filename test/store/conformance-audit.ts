import type { AuditEventFilter, AuditEventRow, SpoolRecordV1 } from "@warden/core";
import { beforeAll, describe, expect, it } from "vitest";
import { chain, DECISIONS, REPOS, RULES, seededDraft, TIERS, TOOLS, USERS } from "./audit-fixtures.ts";
import { type ConformanceContext, unique } from "./conformance-context.ts";

const SEED_DEVICES = 3;
const SEED_PER_DEVICE = 1000;
const SEED_OFFSET = 100_000;

/** Audit ingest (idempotent, out of order), chain findings, and the filtered, paged query. */
export function auditConformance(ctx: ConformanceContext): void {
  describe("audit ingest and findings", () => {
    it("stores each (device, seq) once: duplicate and overlapping batches count as duplicates", async () => {
      const { audit } = ctx.store();
      const device = unique("dev");
      const records = chain(device, 15);
      expect(await audit.insertAuditEvents(device, records.slice(0, 10))).toEqual({
        inserted: 10,
        duplicates: 0,
        findings: [],
      });
      expect(await audit.insertAuditEvents(device, records.slice(0, 10))).toMatchObject({
        inserted: 0,
        duplicates: 10,
      });
      expect(await audit.insertAuditEvents(device, records.slice(4, 15))).toMatchObject({ inserted: 5, duplicates: 6 });
      expect(await audit.countAuditEvents({ deviceId: device })).toBe(15);
      expect(await audit.getChainHead(device)).toEqual({
        deviceId: device,
        verifiedSeq: 15,
        verifiedHash: records[14]!.hash,
      });
      const page = await audit.queryAuditEvents({ deviceId: device }, { limit: 1 });
      expect(page.data[0]?.record).toEqual(records[14]);
      expect(page.data[0]).toMatchObject({
        seq: 15,
        deviceId: device,
        time: records[14]!.time,
        user: records[14]!.user,
      });
    });

    it("opens a gap finding for an out-of-order batch and resolves it when the missing events arrive", async () => {
      const { audit } = ctx.store();
      const device = unique("dev");
      const records = chain(device, 20);
      const late = await audit.insertAuditEvents(device, records.slice(10));
      expect(late.inserted).toBe(10);
      expect(late.findings).toMatchObject([{ kind: "gap", seq: 1, toSeq: 10, resolvedAt: null }]);
      expect((await audit.getChainHead(device))?.verifiedSeq).toBe(0);
      expect((await audit.listAuditFindings({ deviceId: device, open: true })).data).toHaveLength(1);
      const partial = await audit.insertAuditEvents(device, records.slice(0, 4));
      expect(partial.findings).toMatchObject([{ kind: "gap", seq: 5, toSeq: 10 }]);
      await audit.insertAuditEvents(device, records.slice(4, 10));
      expect((await audit.getChainHead(device))?.verifiedSeq).toBe(20);
      expect((await audit.listAuditFindings({ deviceId: device, open: true })).data).toEqual([]);
      const all = (await audit.listAuditFindings({ deviceId: device })).data;
      expect(all.map((f) => [f.kind, f.seq, f.resolvedAt !== null])).toEqual([
        ["gap", 5, true],
        ["gap", 1, true],
      ]);
    });

    it("opens a break finding where a record's prevHash is not its predecessor's hash", async () => {
      const { audit } = ctx.store();
      const device = unique("dev");
      const records = chain(device, 5);
      const forged: SpoolRecordV1 = { ...records[2]!, prevHash: "f".repeat(64) };
      const result = await audit.insertAuditEvents(device, [
        records[0]!,
        records[1]!,
        forged,
        records[3]!,
        records[4]!,
      ]);
      expect(result.findings).toMatchObject([{ kind: "break", seq: 3, toSeq: 3 }]);
      expect((await audit.getChainHead(device))?.verifiedSeq).toBe(5);
      expect(await audit.insertAuditEvents(device, records)).toMatchObject({
        inserted: 0,
        duplicates: 5,
        findings: [],
      });
    });

    it("refuses a record of another device", async () => {
      const { audit } = ctx.store();
      await expect(audit.insertAuditEvents("dev-a", chain("dev-b", 1))).rejects.toThrow(/belongs to device dev-b/);
    });

    it("records a forged record as one open break finding, once", async () => {
      const { audit } = ctx.store();
      const device = unique("dev");
      const first = await audit.recordForgedRecord(device, 7, "hash mismatch");
      expect(first).toMatchObject({ deviceId: device, kind: "break", seq: 7, toSeq: 7, resolvedAt: null });
      expect(await audit.recordForgedRecord(device, 7, "hash mismatch")).toBeNull();
      const findings = await audit.listAuditFindings({ deviceId: device });
      expect(findings.data.map((f) => f.id)).toEqual([first!.id]);
    });
  });

  describe("audit query", () => {
    const prefix = unique("seed");
    const devices = Array.from({ length: SEED_DEVICES }, (_, i) => `${prefix}-${i}`);
    let expected: SpoolRecordV1[] = [];

    beforeAll(async () => {
      const { audit } = ctx.store();
      // n = SEED_OFFSET + device * SEED_PER_DEVICE + seq: a unique time per event, after every other test's events.
      const all = devices.map((device, d) =>
        chain(device, SEED_PER_DEVICE, (seq) => seededDraft(SEED_OFFSET + d * SEED_PER_DEVICE + seq)),
      );
      for (const records of all) {
        for (let i = 0; i < records.length; i += 250) {
          const result = await audit.insertAuditEvents(records[0]!.deviceId, records.slice(i, i + 250));
          expect(result.inserted).toBe(Math.min(250, records.length - i));
        }
      }
      expected = all.flat().sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
    }, 60_000);

    /** Every page of a query, walked through its cursors. */
    async function walk(filter: AuditEventFilter, limit: number): Promise<AuditEventRow[]> {
      const rows: AuditEventRow[] = [];
      let cursor: string | null = null;
      do {
        const page = await ctx.store().audit.queryAuditEvents(filter, { limit, cursor });
        expect(page.data.length).toBeLessThanOrEqual(limit);
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return rows;
    }

    const key = (r: { deviceId: string; seq: number }) => `${r.deviceId}#${r.seq}`;
    const mine = (r: SpoolRecordV1) => r.deviceId.startsWith(prefix);

    it("walks every seeded event newest first through the cursor, without repeats or gaps", async () => {
      const rows = await walk({ deviceId: devices[1] }, 97);
      expect(rows.map(key)).toEqual(expected.filter((r) => r.deviceId === devices[1]).map(key));
      const first = await ctx.store().audit.queryAuditEvents({ from: expected.at(-1)!.time }, { limit: 250 });
      expect(first.data.map(key)).toEqual(expected.slice(0, 250).map(key));
    });

    const cases: [string, AuditEventFilter, (r: SpoolRecordV1) => boolean][] = [
      ...USERS.map((u): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `user ${u}`,
        { user: u },
        (r) => r.user === u,
      ]),
      ...REPOS.filter((x) => x !== null).map((repo): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `repository ${repo}`,
        { repository: repo },
        (r) => r.repo?.remoteUrl === repo,
      ]),
      ...TIERS.map((t): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `tier ${t}`,
        { tier: t },
        (r) => r.tier === t,
      ]),
      ...TOOLS.map((t): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `tool ${t}`,
        { tool: t },
        (r) => r.tool === t,
      ]),
      ...DECISIONS.map((d): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `decision ${d}`,
        { decision: d },
        (r) => r.decision === d,
      ]),
      ...RULES.filter((x) => x !== null).map((rule): [string, AuditEventFilter, (r: SpoolRecordV1) => boolean] => [
        `rule ${rule}`,
        { ruleId: rule },
        (r) => r.ruleId === rule,
      ]),
    ];

    it.each(cases)("filters by %s (within the seeded devices' time range) and pages", async (_name, filter, match) => {
      const from = expected.at(-1)!.time;
      const to = new Date(Date.parse(expected[0]!.time) + 1).toISOString();
      const rows = await walk({ ...filter, from, to }, 400);
      const want = expected.filter((r) => match(r) && mine(r));
      expect(want.length).toBeGreaterThan(0);
      expect(rows.filter((r) => !r.deviceId.startsWith(prefix))).toEqual([]);
      expect(rows.map(key)).toEqual(want.map(key));
      expect(await ctx.store().audit.countAuditEvents({ ...filter, from, to })).toBe(want.length);
    });

    it("combines filters with a time range (from inclusive, to exclusive)", async () => {
      const from = expected[1999]!.time;
      const to = expected[500]!.time;
      const filter: AuditEventFilter = { from, to, user: "bob", decision: "deny", deviceId: devices[1] };
      const want = expected
        .slice(501, 2000)
        .filter((r) => r.user === "bob" && r.decision === "deny" && r.deviceId === devices[1]);
      expect((await walk(filter, 7)).map(key)).toEqual(want.map(key));
    });

    it("refuses a forged cursor", async () => {
      await expect(ctx.store().audit.queryAuditEvents({}, { cursor: "bm9wZQ" })).rejects.toThrow(/invalid cursor/);
    });
  });
}
