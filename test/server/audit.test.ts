import { hashSpoolRecord, type SpoolRecordV1 } from "@warden/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chain } from "../store/audit-fixtures.ts";
import { addPrincipalKey, type ServerHarness, startServerHarness } from "./server-harness.ts";

let h: ServerHarness;
let agentKey: string;
beforeEach(async () => {
  h = await startServerHarness();
  agentKey = await addPrincipalKey(h.store, "agent", "admin", ["audit:write"]);
});
afterEach(() => h.close());

const ship = (events: unknown[], token = agentKey) => h.call("POST", "/v1/audit/events", { token, body: { events } });
const query = async (path: string, token = h.tokens.auditor) => h.call("GET", path, { token });

describe("POST /v1/audit/events", () => {
  it("stores each (device, seq) once: a re-sent batch counts as duplicates", async () => {
    const records = chain("dev-1", 5);
    expect((await ship(records)).json).toEqual({ accepted: 5, duplicates: 0, rejected: [], findings: [] });
    expect((await ship(records.slice(2))).json).toEqual({ accepted: 0, duplicates: 3, rejected: [], findings: [] });
    const page = await query("/v1/audit/events?chainId=dev-1");
    expect(page.json.data.map((e: { seq: number }) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(page.json.data[0].record).toEqual(records[4]);
  });

  it("accepts an out-of-order batch: a gap finding opens, and resolves when the missing records arrive", async () => {
    const records = chain("dev-1", 6);
    const late = await ship(records.slice(3));
    expect(late.json).toMatchObject({ accepted: 3, findings: [{ kind: "gap", seq: 1, toSeq: 3 }] });
    expect((await query("/v1/audit/findings?open=true")).json.data).toHaveLength(1);
    expect((await ship(records.slice(0, 3))).json).toMatchObject({ accepted: 3, findings: [] });
    expect((await query("/v1/audit/findings?open=true")).json.data).toEqual([]);
    const all = (await query("/v1/audit/findings")).json.data;
    expect(all).toMatchObject([{ kind: "gap", resolvedAt: expect.any(String) }]);
  });

  it("refuses a forged record (hash mismatch) and records a break finding; the rest of the batch is stored", async () => {
    const records = chain("dev-1", 3);
    const forged = { ...records[1]!, decision: "allow" as const, reason: "edited" };
    expect(hashSpoolRecord(forged)).not.toBe(forged.hash);
    const response = await ship([records[0]!, forged, records[2]!]);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: [{ seq: 2, reason: "hash_mismatch" }],
    });
    const kinds = response.json.findings.map((f: { kind: string; seq: number }) => `${f.kind}@${f.seq}`).sort();
    expect(kinds).toEqual(["break@2", "gap@2"]);
    // Re-sending the same forged record adds nothing.
    expect((await ship([forged])).json).toMatchObject({ accepted: 0, rejected: [{ seq: 2 }], findings: [] });
    expect((await query("/v1/audit/events?chainId=dev-1")).json.data.map((e: { seq: number }) => e.seq)).toEqual([
      3, 1,
    ]);
  });

  it("records a break where a resealed record's prevHash does not link", async () => {
    const records = chain("dev-1", 3);
    const relinked = { ...records[2]!, prevHash: "0".repeat(64) } as Omit<SpoolRecordV1, "hash">;
    const resealed = { ...relinked, hash: hashSpoolRecord(relinked) };
    const response = await ship([records[0]!, records[1]!, resealed]);
    expect(response.json).toMatchObject({ accepted: 3, findings: [{ kind: "break", seq: 3 }] });
  });

  it("refuses malformed records, mixed devices, too many events and an oversized body, storing nothing", async () => {
    const [record] = chain("dev-1", 1);
    const missing = await ship([{ ...record!, hash: undefined }]);
    expect(missing.status).toBe(400);
    expect(missing.json.details.issues).toContainEqual({ path: "events.0.hash", message: "required field is missing" });
    expect((await ship([{ ...record!, seq: 0 }])).status).toBe(400);
    expect((await ship([{ ...record!, extra: 1 }])).json.code).toBe("invalid_request");
    const mixed = await ship([record!, chain("dev-2", 1)[0]!]);
    expect(mixed.json).toMatchObject({ code: "invalid_request", message: expect.stringContaining("one device") });
    expect((await ship(chain("dev-1", 501))).status).toBe(400);
    const huge = await ship([{ ...record!, input: { blob: "x".repeat(2 * 1024 * 1024) } }]);
    expect(huge.status).toBe(413);
    expect(huge.json.code).toBe("payload_too_large");
    const bad = await h.call("POST", "/v1/audit/events", { token: agentKey, rawBody: '{"events": [' });
    expect(bad.json.code).toBe("malformed_json");
    expect((await query("/v1/audit/events")).json.data).toEqual([]);
  });

  it("answers 503 when the database is down, and the batch is stored once it is back", async () => {
    const records = chain("dev-1", 2);
    await h.store.close();
    const down = await ship(records);
    expect(down.status).toBe(503);
    expect(down.json).toEqual({ code: "storage_unavailable", message: "the database is unavailable; try again later" });
  });

  it("needs audit:write: an auditor key is refused, a key scoped to audit:write cannot read", async () => {
    expect((await ship([], h.tokens.auditor)).status).toBe(403);
    expect((await query("/v1/audit/events", agentKey)).status).toBe(403);
  });
});

describe("GET /v1/audit/events", () => {
  it("filters by every field and pages newest first through the cursor", async () => {
    await ship(chain("dev-1", 30));
    await ship(chain("dev-2", 12));
    const walk = async (path: string) => {
      const seen: { deviceId: string | null; chainId: string; seq: number }[] = [];
      let cursor: string | null = null;
      do {
        const sep = path.includes("?") ? "&" : "?";
        const page = await query(`${path}${sep}limit=7${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.status).toBe(200);
        seen.push(...page.json.data);
        cursor = page.json.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    const all = await walk("/v1/audit/events");
    expect(all).toHaveLength(42);
    expect(new Set(all.map((e) => `${e.chainId}:${e.seq}`)).size).toBe(42);
    const records = [...chain("dev-1", 30), ...chain("dev-2", 12)];
    const expectCount = async (path: string, keep: (r: SpoolRecordV1) => boolean) =>
      expect((await walk(path)).length, path).toBe(records.filter(keep).length);
    await expectCount("/v1/audit/events?user=alice", (r) => r.user === "alice");
    await expectCount("/v1/audit/events?chainId=dev-2", (r) => r.deviceId === "dev-2");
    // Shipped with an API key: no enrolled device is bound to these chains.
    expect(all.every((e) => e.deviceId === null)).toBe(true);
    expect(await walk("/v1/audit/events?deviceId=dev-2")).toEqual([]);
    await expectCount("/v1/audit/events?tool=Bash&decision=deny", (r) => r.tool === "Bash" && r.decision === "deny");
    await expectCount("/v1/audit/events?tier=trusted", (r) => r.tier === "trusted");
    await expectCount("/v1/audit/events?rule=no-rm", (r) => r.ruleId === "no-rm");
    const repo = "git@example.com:a/one.git";
    await expectCount(`/v1/audit/events?repository=${encodeURIComponent(repo)}`, (r) => r.repo?.remoteUrl === repo);
    const from = records[5]!.time;
    const to = records[10]!.time;
    await expectCount(`/v1/audit/events?from=${from}&to=${to}`, (r) => r.time >= from && r.time < to);
  });

  it("refuses bad filters and a forged cursor with 400", async () => {
    for (const path of ["?decision=maybe", "?from=yesterday", "?limit=0", "?cursor=bm9wZQ"]) {
      const response = await query(`/v1/audit/events${path}`);
      expect(response.status, path).toBe(400);
      expect(response.json.code).toBe("invalid_request");
    }
    expect((await query("/v1/audit/findings?open=maybe")).status).toBe(400);
  });
});
