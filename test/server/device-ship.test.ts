import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chain } from "../store/audit-fixtures.ts";
import { type DeviceKey, deviceHeaders, deviceKey, enrolDevice } from "./device-requests.ts";
import { addPrincipalKey, NOW, type ServerHarness, startServerHarness } from "./server-harness.ts";

const EVENTS = "/v1/audit/events";

let h: ServerHarness;
beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(() => h.close());

/** POSTs `{events}` signed by `key`; `sign` overrides what is signed (a tampered request). */
function shipAs(key: DeviceKey, events: unknown[], sign: Partial<Parameters<typeof deviceHeaders>[1]> = {}) {
  const body = JSON.stringify({ events });
  const headers = deviceHeaders(key, { method: "POST", path: EVENTS, body, ...sign });
  return { headers, body, send: () => h.call("POST", EVENTS, { token: null, rawBody: body, headers }) };
}

const stored = async (chainId: string) =>
  (await h.call("GET", `${EVENTS}?chainId=${chainId}`, { token: h.tokens.auditor })).json.data.map(
    (e: { seq: number }) => e.seq,
  );

describe("POST /v1/audit/events signed by the enrolled device", () => {
  it("stores a device's events with no API key and binds their chain to it", async () => {
    const a = await enrolDevice(h);
    const records = chain("spool-a", 4);
    const first = await shipAs(a.key, records.slice(0, 2)).send();
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toEqual({ accepted: 2, duplicates: 0, rejected: [], findings: [] });
    expect((await shipAs(a.key, records).send()).json).toMatchObject({ accepted: 2, duplicates: 2 });
    expect(await stored("spool-a")).toEqual([4, 3, 2, 1]);
    expect(await h.store.devices.getAuditChainDevice("spool-a")).toBe(a.deviceId);
    // A chain named after the device itself is its own too.
    expect((await shipAs(a.key, chain(a.deviceId, 1)).send()).json).toMatchObject({ accepted: 1 });
  });

  it("refuses a forged signature, a tampered body, an unknown or revoked device and a stale request (401), storing nothing", async () => {
    const a = await enrolDevice(h);
    const revoked = await enrolDevice(h);
    expect(await h.store.devices.revokeDevice(revoked.deviceId, NOW.toISOString())).toBe(true);
    const records = chain("spool-x", 2);
    const tampered = shipAs(a.key, records);
    const cases: Record<string, { headers: Record<string, string>; body: string }> = {
      "signed by another key presenting the device's public key": shipAs(deviceKey(), records, {
        presentedKey: a.key,
      }),
      "body changed after signing": { headers: tampered.headers, body: JSON.stringify({ events: records.slice(1) }) },
      "signed for another path": shipAs(a.key, records, { path: "/v1/audit/findings" }),
      "a key no device enrolled with": shipAs(deviceKey(), records),
      "a revoked device": shipAs(revoked.key, records),
      "a timestamp 6 minutes old": shipAs(a.key, records, { at: NOW.getTime() - 6 * 60_000 }),
    };
    for (const [name, { headers, body }] of Object.entries(cases)) {
      const response = await h.call("POST", EVENTS, { token: null, rawBody: body, headers });
      expect(response.status, name).toBe(401);
      expect(response.json.code, name).toBe("unauthenticated");
      expect(response.json.message, name).toMatch(/device|signature|timestamp/);
    }
    expect(await stored("spool-x")).toEqual([]);
    expect(await h.store.devices.getAuditChainDevice("spool-x")).toBeNull();
  });

  it("refuses a replayed request (401) and stores the batch once", async () => {
    const a = await enrolDevice(h);
    const request = shipAs(a.key, chain("spool-r", 2));
    expect((await request.send()).status).toBe(200);
    const replay = await request.send();
    expect(replay.status).toBe(401);
    expect(replay.json).toMatchObject({ code: "unauthenticated", message: expect.stringContaining("replayed") });
    expect(await stored("spool-r")).toEqual([2, 1]);
  });

  it("refuses events of a chain another device shipped, or named after another device (403), storing nothing", async () => {
    const a = await enrolDevice(h);
    const b = await enrolDevice(h);
    const records = chain("spool-a", 3);
    expect((await shipAs(a.key, records.slice(0, 1)).send()).status).toBe(200);

    const stolen = await shipAs(b.key, records.slice(1)).send();
    expect(stolen.status).toBe(403);
    expect(stolen.json).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("belongs to another enrolled device"),
      details: { deviceId: "spool-a", signedBy: b.deviceId },
    });
    const impersonated = await shipAs(b.key, chain(a.deviceId, 2)).send();
    expect(impersonated.status).toBe(403);
    expect(impersonated.json.message).toContain(`claim device ${a.deviceId}, another enrolled device`);

    expect(await stored("spool-a")).toEqual([1]);
    expect(await stored(a.deviceId)).toEqual([]);
    expect(await h.store.devices.getAuditChainDevice(a.deviceId)).toBeNull();
    // Its own chain is fine.
    expect((await shipAs(b.key, chain("spool-b", 1)).send()).status).toBe(200);
  });

  it("keeps the API-key path (audit:write); a device then binds the chain the key shipped to", async () => {
    const agentKey = await addPrincipalKey(h.store, "agent", "admin", ["audit:write"]);
    const records = chain("legacy", 3);
    const viaKey = await h.call("POST", EVENTS, { token: agentKey, body: { events: records.slice(0, 1) } });
    expect(viaKey.json).toMatchObject({ accepted: 1 });
    expect(await h.store.devices.getAuditChainDevice("legacy")).toBeNull();
    const a = await enrolDevice(h);
    const b = await enrolDevice(h);
    expect((await shipAs(a.key, records.slice(1, 2)).send()).json).toMatchObject({ accepted: 1 });
    expect((await shipAs(b.key, records.slice(2)).send()).status).toBe(403);
    expect(await stored("legacy")).toEqual([2, 1]);
    // No credentials at all, or a key without audit:write: as before.
    expect((await h.call("POST", EVENTS, { token: null, body: { events: [] } })).status).toBe(401);
    expect((await h.call("POST", EVENTS, { token: h.tokens.auditor, body: { events: [] } })).status).toBe(403);
  });

  it("refuses an oversized device-signed body (413) before checking its signature", async () => {
    await h.close();
    h = await startServerHarness({ limits: { maxBodyBytes: 2048 } });
    const a = await enrolDevice(h);
    const response = await shipAs(a.key, chain("spool-big", 10)).send();
    expect(response.status).toBe(413);
    expect(await stored("spool-big")).toEqual([]);
  });

  it("describes both ways to authenticate in OpenAPI", async () => {
    const spec = (await h.call("GET", "/openapi.json", { token: null })).json;
    expect(spec.paths[EVENTS].post.security).toEqual([{ bearer: [] }, { device: [] }]);
    expect(spec.paths["/v1/devices/self/bundle"].get.security).toEqual([{ device: [] }, { deviceSession: [] }]);
    expect(spec.paths["/v1/devices/self/session"].post.security).toEqual([{ device: [] }]);
    expect(spec.components.securitySchemes.device).toMatchObject({ type: "apiKey", in: "header" });
    expect(spec.components.securitySchemes.deviceSession).toMatchObject({ type: "http", scheme: "WardenSession" });
  });
});
