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
      expect(await audit.countAuditEvents({ chainId: device })).toBe(15);
      expect(await audit.getChainHead(device)).toEqual({
        deviceId: device,
        verifiedSeq: 15,
        verifiedHash: records[14]!.hash,
      });
      const page = await audit.queryAuditEvents({ chainId: device }, { limit: 1 });
      expect(page.data[0]?.record).toEqual(records[14]);
      // No enrolled device shipped this chain (stored through the port, as an API key would).
      expect(page.data[0]).toMatchObject({
        seq: 15,
        chainId: device,
        deviceId: null,
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
      expect((await audit.listAuditFindings({ chainId: device, open: true })).data).toHaveLength(1);
      const partial = await audit.insertAuditEvents(device, records.slice(0, 4));
      expect(partial.findings).toMatchObject([{ kind: "gap", seq: 5, toSeq: 10 }]);
      await audit.insertAuditEvents(device, records.slice(4, 10));
      expect((await audit.getChainHead(device))?.verifiedSeq).toBe(20);
      expect((await audit.listAuditFindings({ chainId: device, open: true })).data).toEqual([]);
      const all = (await audit.listAuditFindings({ chainId: device })).data;
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
      expect(first).toMatchObject({
        chainId: device,
        deviceId: null,
        kind: "break",
        seq: 7,
        toSeq: 7,
        resolvedAt: null,
      });
      expect(await audit.recordForgedRecord(device, 7, "hash mismatch")).toBeNull();
      const findings = await audit.listAuditFindings({ chainId: device });
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

    const key = (r: AuditEventRow) => `${r.chainId}#${r.seq}`;
    const recordKey = (r: SpoolRecordV1) => `${r.deviceId}#${r.seq}`;
    const mine = (r: SpoolRecordV1) => r.deviceId.startsWith(prefix);

    it("walks every seeded event newest first through the cursor, without repeats or gaps", async () => {
      const rows = await walk({ chainId: devices[1] }, 97);
      expect(rows.map(key)).toEqual(expected.filter((r) => r.deviceId === devices[1]).map(recordKey));
      const first = await ctx.store().audit.queryAuditEvents({ from: expected.at(-1)!.time }, { limit: 250 });
      expect(first.data.map(key)).toEqual(expected.slice(0, 250).map(recordKey));
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
      expect(rows.filter((r) => !r.chainId.startsWith(prefix))).toEqual([]);
      expect(rows.map(key)).toEqual(want.map(recordKey));
      expect(await ctx.store().audit.countAuditEvents({ ...filter, from, to })).toBe(want.length);
    });

    it("combines filters with a time range (from inclusive, to exclusive)", async () => {
      const from = expected[1999]!.time;
      const to = expected[500]!.time;
      const filter: AuditEventFilter = { from, to, user: "bob", decision: "deny", chainId: devices[1] };
      const want = expected
        .slice(501, 2000)
        .filter((r) => r.user === "bob" && r.decision === "deny" && r.deviceId === devices[1]);
      expect((await walk(filter, 7)).map(key)).toEqual(want.map(recordKey));
    });

    it("refuses a forged cursor", async () => {
      await expect(ctx.store().audit.queryAuditEvents({}, { cursor: "bm9wZQ" })).rejects.toThrow(/invalid cursor/);
    });
  });
  describe("audit events of enrolled devices", () => {
    /** A device enrolled through the store, as `POST /v1/devices/enroll` does it. */
    async function enrolled(): Promise<string> {
      const { devices } = ctx.store();
      const tokenHash = unique("tok");
      await devices.createEnrollmentToken({ tokenHash, expiresAt: "2030-01-01T00:00:00.000Z" });
      const device = { hostname: "h", credentialHash: unique("cred"), platform: "linux-x64", agentVersion: "0.1.0" };
      const redeemed = await devices.redeemEnrollmentToken(tokenHash, device, "2026-06-01T12:00:00.000Z");
      if (!redeemed.ok) throw new Error(redeemed.reason);
      return redeemed.device.id;
    }

    it("names each finding's chain and the device it is bound to; the device filter matches all its chains", async () => {
      const { audit, devices } = ctx.store();
      const [device, other] = [await enrolled(), await enrolled()];
      const [c1, c2, c3] = [unique("c1"), unique("c2"), unique("c3")];
      await devices.bindAuditChain(c1, device, "2026-06-01T12:00:00.000Z");
      await devices.bindAuditChain(c2, device, "2026-06-01T12:00:00.000Z");
      // A gap on each chain (seqs 1–5 missing), opened on a bound chain and on an unbound one.
      const opened = await audit.insertAuditEvents(c1, chain(c1, 10).slice(5));
      expect(opened.findings).toMatchObject([{ chainId: c1, deviceId: device, kind: "gap" }]);
      await audit.insertAuditEvents(c2, chain(c2, 10).slice(5));
      const unbound = await audit.insertAuditEvents(c3, chain(c3, 10).slice(5));
      expect(unbound.findings).toMatchObject([{ chainId: c3, deviceId: null, kind: "gap" }]);
      expect(await audit.recordForgedRecord(c2, 9, "hash mismatch")).toMatchObject({ chainId: c2, deviceId: device });

      const mine = (await audit.listAuditFindings({ deviceId: device })).data;
      expect(mine.map((f) => `${f.chainId}:${f.kind}`).sort()).toEqual(
        [`${c1}:gap`, `${c2}:break`, `${c2}:gap`].sort(),
      );
      expect(mine.every((f) => f.deviceId === device)).toBe(true);
      expect((await audit.listAuditFindings({ deviceId: device, chainId: c2 })).data).toHaveLength(2);
      expect((await audit.listAuditFindings({ deviceId: device, chainId: c3 })).data).toEqual([]);
      expect((await audit.listAuditFindings({ deviceId: other })).data).toEqual([]);
      expect((await audit.listAuditFindings({ deviceId: c3 })).data).toEqual([]);
      // Bound later (first shipped with an API key): the finding follows the binding.
      await devices.bindAuditChain(c3, other, "2026-06-01T12:00:00.000Z");
      expect((await audit.listAuditFindings({ deviceId: other })).data.map((f) => [f.chainId, f.deviceId])).toEqual([
        [c3, other],
      ]);
    });

    it("names the enrolled device each chain is bound to, and the device filter matches all its chains", async () => {
      const { audit, devices } = ctx.store();
      const [device, other] = [await enrolled(), await enrolled()];
      const [c1, c2, c3, c4] = [unique("c1"), unique("c2"), unique("c3"), unique("c4")];
      // c1 and c2 interleave in time (the merged pages must too); c3 is never bound, c4 is another device's.
      const n = (base: number) => (seq: number) => seededDraft(200_000 + 2 * seq + base);
      await audit.insertAuditEvents(c1, chain(c1, 30, n(0)));
      await audit.insertAuditEvents(c2, chain(c2, 25, n(1)));
      await audit.insertAuditEvents(c3, chain(c3, 5, n(100)));
      await audit.insertAuditEvents(c4, chain(c4, 5, n(200)));
      // Bound after their events were stored (first shipped with an API key): the rows follow the binding.
      await devices.bindAuditChain(c1, device, "2026-06-01T12:00:00.000Z");
      await devices.bindAuditChain(c2, device, "2026-06-01T12:00:00.000Z");
      await devices.bindAuditChain(c4, other, "2026-06-01T12:00:00.000Z");

      const rows: AuditEventRow[] = [];
      let cursor: string | null = null;
      do {
        const page = await audit.queryAuditEvents({ deviceId: device }, { limit: 7, cursor });
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(rows).toHaveLength(55);
      expect(rows.every((r) => r.deviceId === device && (r.chainId === c1 || r.chainId === c2))).toBe(true);
      const times = rows.map((r) => r.time);
      expect(times).toEqual([...times].sort().reverse());
      expect(new Set(rows.map((r) => `${r.chainId}#${r.seq}`)).size).toBe(55);
      expect(await audit.countAuditEvents({ deviceId: device })).toBe(55);

      expect((await audit.queryAuditEvents({ deviceId: device, chainId: c2 }, { limit: 100 })).data).toHaveLength(25);
      expect(await audit.countAuditEvents({ deviceId: device, chainId: c4 })).toBe(0);
      expect((await audit.queryAuditEvents({ deviceId: device, chainId: c4 })).data).toEqual([]);
      expect((await audit.queryAuditEvents({ deviceId: other })).data.map((r) => r.chainId)).toEqual(Array(5).fill(c4));
      expect((await audit.queryAuditEvents({ chainId: c3 })).data.map((r) => [r.chainId, r.deviceId])).toEqual(
        Array(5).fill([c3, null]),
      );
      expect((await audit.queryAuditEvents({ deviceId: c3 })).data).toEqual([]);
      expect(await audit.countAuditEvents({ deviceId: "no-such-device" })).toBe(0);
      const decided = await audit.queryAuditEvents(
        { deviceId: device, decision: "deny", tool: "Bash" },
        { limit: 100 },
      );
      expect(decided.data.length).toBeGreaterThan(0);
      expect(decided.data.every((r) => r.decision === "deny" && r.tool === "Bash" && r.deviceId === device)).toBe(true);
    });

    it("keeps in `record` only what the columns do not hold, and reads back whole records, old rows included", async () => {
      const store = ctx.store();
      const [fresh, old] = [unique("fresh"), unique("old")];
      const [record] = chain(fresh, 1, (seq) => seededDraft(300_000 + seq));
      await store.audit.insertAuditEvents(fresh, [record!]);
      const stored = await store.db
        .selectFrom("audit_events")
        .select("record")
        .where("device_id", "=", fresh)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.record)).not.toHaveProperty("hash");
      expect(stored.record.length).toBeLessThan(JSON.stringify(record).length / 2);
      expect((await store.audit.queryAuditEvents({ chainId: fresh })).data[0]?.record).toEqual(record);

      // A row as servers wrote them before: the whole record as JSON.
      const [legacy] = chain(old, 1, (seq) => seededDraft(300_100 + seq));
      await store.audit.insertAuditEvents(old, [legacy!]);
      await store.db
        .updateTable("audit_events")
        .set({ record: JSON.stringify(legacy) })
        .where("device_id", "=", old)
        .execute();
      const [row] = (await store.audit.queryAuditEvents({ chainId: old })).data;
      expect(row?.record).toEqual(legacy);
      expect(JSON.stringify(row?.record)).toBe(JSON.stringify(legacy));
    });
  });
}
