import { describe, expect, it } from "vitest";
import { chain } from "../store/audit-fixtures.ts";
import { TEST_DIALECTS } from "../store/store-targets.ts";
import { type DeviceKey, deviceHeaders, enrolDevice } from "./device-requests.ts";
import { addPrincipalKey, harnessPerTest, NOW } from "./server-harness.ts";

const EVENTS = "/v1/audit/events";
const MINUTE = 60_000;

describe.each(TEST_DIALECTS)("audit events and device check-ins on $dialect", ({ dialect, skip }) => {
  const t = harnessPerTest(dialect, skip);

  /** POSTs `events` signed by `key` at the current test time. */
  function shipAs(key: DeviceKey, events: unknown[]) {
    const rawBody = JSON.stringify({ events });
    const headers = deviceHeaders(key, { method: "POST", path: EVENTS, body: rawBody, at: t.now.getTime() });
    return t.h.call("POST", EVENTS, { token: null, rawBody, headers });
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  const query = async (search: string): Promise<any[]> => {
    const page = await t.h.call("GET", `${EVENTS}?${search}`, { token: t.h.tokens.auditor });
    expect(page.status, JSON.stringify(page.json)).toBe(200);
    return page.json.data;
  };

  it.skipIf(skip)(
    "shows the enrolled device each event's chain is bound to, with the chain id beside it, and filters by either",
    async () => {
      const a = await enrolDevice(t.h);
      const b = await enrolDevice(t.h);
      const [first, second] = [chain("spool-a1", 3), chain("spool-a2", 2)];
      expect((await shipAs(a.key, first)).json).toMatchObject({ accepted: 3 });
      expect((await shipAs(a.key, second)).json).toMatchObject({ accepted: 2 });
      expect((await shipAs(b.key, chain("spool-b", 4))).json).toMatchObject({ accepted: 4 });
      const agentKey = await addPrincipalKey(t.h.store, "agent", "admin", ["audit:write"]);
      const viaKey = await t.h.call("POST", EVENTS, { token: agentKey, body: { events: chain("spool-k", 1) } });
      expect(viaKey.json).toMatchObject({ accepted: 1 });

      const ofA = await query(`deviceId=${a.deviceId}`);
      expect(ofA.map((e) => `${e.deviceId} ${e.chainId}#${e.seq}`).sort()).toEqual([
        `${a.deviceId} spool-a1#1`,
        `${a.deviceId} spool-a1#2`,
        `${a.deviceId} spool-a1#3`,
        `${a.deviceId} spool-a2#1`,
        `${a.deviceId} spool-a2#2`,
      ]);
      // The record is the spool's, untouched: its deviceId is the chain.
      expect(ofA.find((e) => e.chainId === "spool-a2" && e.seq === 2).record).toEqual(second[1]);
      expect((await query(`deviceId=${b.deviceId}`)).map((e) => e.chainId)).toEqual(Array(4).fill("spool-b"));
      expect(await query("deviceId=spool-a1")).toEqual([]);
      expect((await query(`deviceId=${a.deviceId}&chainId=spool-a2`)).map((e) => e.seq)).toEqual([2, 1]);
      expect(await query(`deviceId=${a.deviceId}&chainId=spool-b`)).toEqual([]);
      expect(await query("chainId=spool-k")).toMatchObject([{ deviceId: null, chainId: "spool-k", seq: 1 }]);
      const all = await query("limit=2");
      expect(all).toHaveLength(2);
      expect(Object.keys(all[0]).slice(0, 3)).toEqual(["id", "deviceId", "chainId"]);
    },
  );

  it.skipIf(skip)("names each finding's chain and enrolled device, and filters findings by either", async () => {
    const a = await enrolDevice(t.h);
    const b = await enrolDevice(t.h);
    // seqs 1–2 never arrive: a gap on each chain.
    const shipped = await shipAs(a.key, chain("spool-gap-a", 5).slice(2));
    expect(shipped.json.findings).toMatchObject([{ deviceId: a.deviceId, chainId: "spool-gap-a", kind: "gap" }]);
    expect((await shipAs(b.key, chain("spool-gap-b", 4).slice(2))).status).toBe(200);
    const findings = async (search: string) => {
      const page = await t.h.call("GET", `/v1/audit/findings?${search}`, { token: t.h.tokens.auditor });
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      return page.json.data as { deviceId: string | null; chainId: string; kind: string }[];
    };
    expect(await findings(`deviceId=${a.deviceId}`)).toMatchObject([
      { deviceId: a.deviceId, chainId: "spool-gap-a", kind: "gap", seq: 1, toSeq: 2 },
    ]);
    expect((await findings("chainId=spool-gap-b")).map((f) => f.deviceId)).toEqual([b.deviceId]);
    expect(await findings(`deviceId=${a.deviceId}&chainId=spool-gap-b`)).toEqual([]);
    expect(await findings("deviceId=spool-gap-a")).toEqual([]);
    expect((await findings("open=true")).map((f) => f.chainId).sort()).toEqual(["spool-gap-a", "spool-gap-b"]);
  });

  it.skipIf(skip)("records a device-signed ingest as a check-in, written at most once a minute", async () => {
    const device = await enrolDevice(t.h);
    const lastSeen = async () => (await t.h.store.devices.getDevice(device.deviceId))?.lastSeenAt;
    expect(await lastSeen()).toBeNull();
    const records = chain("spool-seen", 4);
    expect((await shipAs(device.key, records.slice(0, 1))).status).toBe(200);
    expect(await lastSeen()).toBe(NOW.toISOString());

    // Within the minute: the batch is stored, the check-in is not written again.
    t.now = new Date(NOW.getTime() + MINUTE);
    expect((await shipAs(device.key, records.slice(1, 2))).json).toMatchObject({ accepted: 1 });
    expect(await lastSeen()).toBe(NOW.toISOString());

    t.now = new Date(NOW.getTime() + MINUTE + 1);
    expect((await shipAs(device.key, records.slice(2, 3))).json).toMatchObject({ accepted: 1 });
    expect(await lastSeen()).toBe(t.now.toISOString());

    // A batch shipped with an API key is no device's check-in.
    const agentKey = await addPrincipalKey(t.h.store, "agent", "admin", ["audit:write"]);
    const seen = await lastSeen();
    t.now = new Date(t.now.getTime() + 10 * MINUTE);
    const viaKey = await t.h.call("POST", EVENTS, { token: agentKey, body: { events: records.slice(3) } });
    expect(viaKey.json).toMatchObject({ accepted: 1 });
    expect(await lastSeen()).toBe(seen);
  });
});
