import { createHmac } from "node:crypto";
import { formatDeviceSessionToken, parseDeviceSessionToken } from "@warden/core";
import { DEVICE_AUTH_HEADERS, DEVICE_SESSION_AUTH } from "@warden/protocol";
import { createApp, DEVICE_SESSION_LIFETIME_MS } from "@warden/server";
import type { OpenStoreOptions } from "@warden/store";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chain } from "../store/audit-fixtures.ts";
import { TEST_DIALECTS, TestDatabases } from "../store/store-targets.ts";
import { deviceHeaders, enrolDevice, openSession, SESSION_PATH, sessionHeaders } from "./device-requests.ts";
import { NOW, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";

/** What sends requests to one app (a harness, or another process's app). */
type Caller = Pick<ServerHarness, "call">;

let now: Date;
let h: ServerHarness;
beforeEach(async () => {
  now = NOW;
  h = await startServerHarness({ clock: () => now });
});
afterEach(() => h.close());

/** GETs the bundle with `headers` and no API key. */
const fetchBundle = (headers: Record<string, string>, on: Caller = h) =>
  on.call("GET", BUNDLE, { token: null, headers });

/** Gives `user`'s devices a policy through a group rule. */
async function seedPolicy(user: string) {
  const userId = (await h.call("POST", "/v1/users", { body: { name: user } })).json.id;
  const group = (await h.call("POST", "/v1/groups", { body: { name: "eng" } })).json.id;
  await h.call("PUT", `/v1/groups/${group}/members/${userId}`);
  const policy = (await h.call("POST", "/v1/policies", { body: { name: "eng", requirementsToml: REQUIREMENTS } })).json
    .policy.id;
  await h.call("PUT", "/v1/group-rules", { body: { rules: [{ groupId: group, policyId: policy }] } });
}

/** Expects a 401 `unauthenticated` whose message matches `message`. */
function expectRefused(response: { status: number; json: { code: string; message: string } }, message: RegExp) {
  expect(response.status, JSON.stringify(response.json)).toBe(401);
  expect(response.json.code).toBe("unauthenticated");
  expect(response.json.message).toMatch(message);
}

describe("POST /v1/devices/self/session", () => {
  it("issues a 10-minute session (no-store) that authenticates the bundle fetch, 200 then 304", async () => {
    await seedPolicy("alice");
    const device = await enrolDevice(h, "alice");
    const opened = await h.call("POST", SESSION_PATH, {
      token: null,
      headers: deviceHeaders(device.key, { method: "POST", path: SESSION_PATH }),
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    expect(opened.headers.get("cache-control")).toBe("no-store");
    const session = opened.json;
    expect(session.expiresAt).toBe(new Date(NOW.getTime() + DEVICE_SESSION_LIFETIME_MS).toISOString());
    expect(session.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseDeviceSessionToken(session.token)).toMatchObject({
      deviceId: device.deviceId,
      expiresAt: (NOW.getTime() + DEVICE_SESSION_LIFETIME_MS) / 1000,
    });

    const first = await fetchBundle(sessionHeaders(session, { path: BUNDLE }));
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.bundle).toMatchObject({ deviceId: device.deviceId, policy: { name: "eng" } });
    const etag = first.headers.get("etag")!;
    const unchanged = await fetchBundle({ ...sessionHeaders(session, { path: BUNDLE }), "if-none-match": etag });
    expect(unchanged.status).toBe(304);
    // Device-signed fetches still work beside sessions.
    const signed = await fetchBundle({ ...deviceHeaders(device.key, { method: "GET", path: BUNDLE }) });
    expect(signed.json).toEqual(first.json);
  });

  it("claims the signed request's nonce: the same signed request twice is refused", async () => {
    const device = await enrolDevice(h);
    const headers = deviceHeaders(device.key, { method: "POST", path: SESSION_PATH });
    expect((await h.call("POST", SESSION_PATH, { token: null, headers })).status).toBe(200);
    expectRefused(await h.call("POST", SESSION_PATH, { token: null, headers }), /replayed nonce/);
  });

  it("tracks no nonce for a session GET: the same request again within the window answers the same", async () => {
    const device = await enrolDevice(h);
    const session = await openSession(h, device.key);
    const headers = sessionHeaders(session, { path: BUNDLE, nonce: "fixed-nonce-123" });
    const first = await fetchBundle(headers);
    expect(first.status).toBe(200);
    expect((await fetchBundle(headers)).json).toEqual(first.json);
  });
});

describe("session-authenticated requests", () => {
  it("refuses an expired session, with when it expired", async () => {
    const device = await enrolDevice(h);
    const session = await openSession(h, device.key);
    now = new Date(NOW.getTime() + DEVICE_SESSION_LIFETIME_MS - 1000);
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE, at: now.getTime() }))).status).toBe(200);
    now = new Date(NOW.getTime() + DEVICE_SESSION_LIFETIME_MS);
    expectRefused(
      await fetchBundle(sessionHeaders(session, { path: BUNDLE, at: now.getTime() })),
      new RegExp(`session expired at ${session.expiresAt}; get a new one with POST ${SESSION_PATH}`),
    );
  });

  it("refuses a tampered token, a wrong MAC and a stale or malformed request, each with what is wrong", async () => {
    const device = await enrolDevice(h);
    const other = await enrolDevice(h);
    const session = await openSession(h, device.key);
    const fields = parseDeviceSessionToken(session.token)!;
    const otherSession = await openSession(h, other.key);
    const macMismatch = /MAC does not verify/;
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        "the token renamed to another device",
        sessionHeaders(session, {
          path: BUNDLE,
          token: formatDeviceSessionToken({ ...fields, deviceId: other.deviceId }),
        }),
        macMismatch,
      ],
      [
        "the token's expiry moved later",
        sessionHeaders(session, {
          path: BUNDLE,
          token: formatDeviceSessionToken({ ...fields, expiresAt: fields.expiresAt + 3600 }),
        }),
        macMismatch,
      ],
      [
        "a MAC made with another session's key",
        sessionHeaders(session, { path: BUNDLE, macKey: otherSession.key }),
        macMismatch,
      ],
      ["a MAC over another path", sessionHeaders(session, { path: "/v1/signing-keys" }), macMismatch],
      ["a MAC over another method", sessionHeaders(session, { path: BUNDLE, method: "POST" }), macMismatch],
      [
        "a timestamp 6 minutes old",
        sessionHeaders(session, { path: BUNDLE, at: NOW.getTime() - 6 * 60_000 }),
        /timestamp is outside the allowed window/,
      ],
      [
        "a malformed token",
        sessionHeaders(session, { path: BUNDLE, token: `ws2.${device.deviceId}.1.x` }),
        /session token is malformed: expected ws1\.<deviceId>\.<expiresAt>\.<nonce>/,
      ],
      [
        "no MAC",
        { ...sessionHeaders(session, { path: BUNDLE }), [DEVICE_SESSION_AUTH.mac]: "" },
        /x-warden-session-mac must be the request's HMAC-SHA256 in base64url/,
      ],
      [
        "no timestamp",
        { ...sessionHeaders(session, { path: BUNDLE }), [DEVICE_AUTH_HEADERS.timestamp]: "" },
        /x-warden-timestamp must be the request's time in milliseconds/,
      ],
      [
        "a short nonce",
        sessionHeaders(session, { path: BUNDLE, nonce: "abc" }),
        /x-warden-nonce must be 8 to 128 characters/,
      ],
      [
        "no token after the scheme",
        { ...sessionHeaders(session, { path: BUNDLE }), authorization: "WardenSession" },
        /send the session as `Authorization: WardenSession <token>`/,
      ],
    ];
    for (const [name, headers, message] of cases) {
      const response = await fetchBundle(headers);
      expect(response.status, name).toBe(401);
      expect(response.json.message, name).toMatch(message);
      expect(response.headers.get("www-authenticate"), name).toContain("Bearer");
    }
    // The untampered session still works.
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE }))).status).toBe(200);
  });

  it("refuses a revoked device whose session has not expired, from its next request on", async () => {
    const device = await enrolDevice(h);
    const session = await openSession(h, device.key);
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE }))).status).toBe(200);
    expect(await h.store.devices.revokeDevice(device.deviceId, NOW.toISOString())).toBe(true);
    expectRefused(
      await fetchBundle(sessionHeaders(session, { path: BUNDLE })),
      /session's device is not enrolled or was revoked/,
    );
    expectRefused(
      await h.call("POST", SESSION_PATH, {
        token: null,
        headers: deviceHeaders(device.key, { method: "POST", path: SESSION_PATH }),
      }),
      /not enrolled, revoked/,
    );
  });

  it("is accepted on GET /v1/devices/self/bundle only: every other route refuses a session", async () => {
    const device = await enrolDevice(h);
    const session = await openSession(h, device.key);
    const body = JSON.stringify({ events: chain(device.deviceId, 1) });
    const refusals: [string, string, string | undefined][] = [
      ["POST", "/v1/audit/events", body],
      ["POST", SESSION_PATH, undefined],
      ["GET", "/v1/policies", undefined],
      ["GET", "/v1/audit/events", undefined],
    ];
    for (const [method, path, rawBody] of refusals) {
      const response = await h.call(method, path, {
        token: null,
        headers: sessionHeaders(session, { method, path }),
        ...(rawBody === undefined ? {} : { rawBody }),
      });
      expectRefused(response, new RegExp(`${method} ${path} does not accept a device session`));
    }
    expect((await h.call("GET", `/v1/audit/events?deviceId=${device.deviceId}`)).json.data).toEqual([]);
  });

  it("refuses a token keyed with another installation's secret", async () => {
    const device = await enrolDevice(h);
    const elsewhere = await startServerHarness();
    try {
      // Issued by the other installation for this device's id: well-formed, but keyed with its secret.
      await openSession(elsewhere, (await enrolDevice(elsewhere)).key);
      const row = await elsewhere.store.db.selectFrom("server_secrets").select("value").executeTakeFirstOrThrow();
      const token = formatDeviceSessionToken({
        deviceId: device.deviceId,
        expiresAt: (NOW.getTime() + DEVICE_SESSION_LIFETIME_MS) / 1000,
        nonce: "forged-session-nonce",
      });
      const key = createHmac("sha256", Buffer.from(row.value, "base64url")).update(token).digest("base64url");
      expectRefused(await fetchBundle(sessionHeaders({ token, key }, { path: BUNDLE })), /MAC does not verify/);
    } finally {
      await elsewhere.close();
    }
  });
});

describe.each(TEST_DIALECTS)("server processes sharing one $dialect database", ({ dialect, skip }) => {
  const databases = new TestDatabases(dialect);
  let location: OpenStoreOptions;
  let first: ServerHarness;
  // One database for the section (dropped once, after every store on it is closed); each test
  // enrols its own device.
  beforeAll(async () => {
    if (skip) return;
    location = await databases.create();
    first = await startServerHarness({}, location);
  }, 30_000);
  afterAll(async () => {
    if (skip) return;
    await first.close();
    await databases.dropAll();
  }, 30_000);

  /** Another server process on the shared database (its own store and app, as after a restart); device requests only. */
  async function anotherProcess(): Promise<Caller> {
    const store = await databases.open(location);
    const app = createApp({ store, clock: () => NOW });
    return {
      async call(method, path, options = {}) {
        const response = await app.request(path, { method, headers: options.headers ?? {} });
        const text = await response.text();
        return { status: response.status, json: text === "" ? null : JSON.parse(text), headers: response.headers };
      },
    };
  }

  it.skipIf(skip)("refuses a device-signed request replayed to another process", async () => {
    const second = await anotherProcess();
    const device = await enrolDevice(first);
    for (const [method, path] of [
      ["POST", SESSION_PATH],
      ["GET", BUNDLE],
    ] as const) {
      const headers = deviceHeaders(device.key, { method, path });
      expect((await first.call(method, path, { token: null, headers })).status, path).toBe(200);
      expectRefused(await second.call(method, path, { token: null, headers }), /replayed nonce/);
      expectRefused(await first.call(method, path, { token: null, headers }), /replayed nonce/);
    }
  });

  it.skipIf(skip)("accepts a session in every process, and in one started after it was issued", async () => {
    const second = await anotherProcess();
    const device = await enrolDevice(first);
    const session = await openSession(second, device.key);
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE }), first)).status).toBe(200);
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE }), second)).status).toBe(200);
    const restarted = await anotherProcess();
    expect((await fetchBundle(sessionHeaders(session, { path: BUNDLE }), restarted)).status).toBe(200);
  });
});
