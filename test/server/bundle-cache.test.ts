// The 304 path caches what a bundle's ETag is computed from; these show that every kind of change
// reaches the agent on its very next fetch, whoever makes it (this app, the store, another process).
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { createSigningKey } from "@warden/server";
import { openStore } from "@warden/store";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deviceKey, SESSION_PATH, sessionHeaders } from "./device-requests.ts";
import { NOW, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";

let h: ServerHarness;
beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(() => h.close());

/** How the device authenticates its fetches: signed one by one, or with a session (one read less per 304). */
type FetchMode = "device-signed" | "session";

/** A seeded directory (alice in eng, eng → policy A, bob in no group) and alice's enrolled device. */
async function setUp(mode: FetchMode, clock: () => Date = () => NOW) {
  const id = async (method: string, path: string, body?: unknown) => {
    const response = await h.call(method, path, body === undefined ? {} : { body });
    expect(response.status, JSON.stringify(response.json)).toBeLessThan(300);
    return response.json;
  };
  const alice = (await id("POST", "/v1/users", { name: "alice" })).id as string;
  const bob = (await id("POST", "/v1/users", { name: "bob" })).id as string;
  const group = (await id("POST", "/v1/groups", { name: "eng" })).id as string;
  await id("PUT", `/v1/groups/${group}/members/${alice}`);
  const policyA = (await id("POST", "/v1/policies", { name: "a", requirementsToml: REQUIREMENTS })).policy.id as string;
  const policyB = (await id("POST", "/v1/policies", { name: "b", requirementsToml: `${REQUIREMENTS}# b\n` })).policy
    .id as string;
  await id("PUT", "/v1/group-rules", { rules: [{ groupId: group, policyId: policyA }] });
  const issued = await id("POST", "/v1/enrollment-tokens", { user: "alice" });
  const { publicKeyPem, privateKeyPem } = deviceKey();
  const enrolled = await h.call("POST", "/v1/devices/enroll", {
    token: null,
    body: {
      token: issued.token,
      publicKeyPem,
      hostname: "h",
      platform: "linux-x64",
      osUser: "alice",
      agentVersion: "0",
    },
  });
  expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(201);
  let etag: string | null = null;
  const signed = (method: string, path: string) => {
    const timestamp = String(clock().getTime());
    const nonce = randomBytes(12).toString("base64url");
    return {
      [DEVICE_AUTH_HEADERS.key]: Buffer.from(publicKeyPem).toString("base64"),
      [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
      [DEVICE_AUTH_HEADERS.nonce]: nonce,
      [DEVICE_AUTH_HEADERS.signature]: signDeviceRequest({ method, path, timestamp, nonce, body: "" }, privateKeyPem),
    };
  };
  let session: { token: string; key: string } | null = null;
  const authenticated = async (): Promise<Record<string, string>> => {
    if (mode === "device-signed") return signed("GET", BUNDLE);
    session ??= (await h.call("POST", SESSION_PATH, { token: null, headers: signed("POST", SESSION_PATH) })).json;
    return sessionHeaders(session!, { path: BUNDLE, at: clock().getTime() });
  };
  /** A fetch sending the last ETag it got, as `warden sync` does. */
  const fetchBundle = async () => {
    const headers = await authenticated();
    if (etag !== null) headers["if-none-match"] = etag;
    const response = await h.call("GET", BUNDLE, { token: null, headers });
    if (response.status === 200) etag = response.headers.get("etag");
    return response;
  };
  /** Fetches until the cache is warm: a 200, then a 304. */
  const warm = async () => {
    await fetchBundle();
    expect((await fetchBundle()).status).toBe(304);
  };
  return { alice, bob, group, policyA, policyB, deviceId: enrolled.json.deviceId as string, fetchBundle, warm };
}

describe.each(["device-signed", "session"] as const)("bundle ETag cache invalidation (%s fetches)", (mode) => {
  it("a policy save and a rollback reach the agent on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    await h.call("PUT", `/v1/policies/${s.policyA}`, { body: { requirementsToml: `${REQUIREMENTS}# v2\n` } });
    const saved = await s.fetchBundle();
    expect(saved.status).toBe(200);
    expect(saved.json.bundle.policy).toMatchObject({ id: s.policyA, revision: 2 });
    expect((await s.fetchBundle()).status).toBe(304);

    expect((await h.call("POST", `/v1/policies/${s.policyA}/rollback`, { body: { toRevision: 1 } })).status).toBe(200);
    const rolledBack = await s.fetchBundle();
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.json.bundle.policy).toMatchObject({ id: s.policyA, revision: 3 });
    expect(rolledBack.json.bundle.files.requirementsToml).toBe(REQUIREMENTS);
  });

  it("a group rule change reaches the agent on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    await h.call("PUT", "/v1/group-rules", { body: { rules: [{ groupId: s.group, policyId: s.policyB }] } });
    const changed = await s.fetchBundle();
    expect(changed.status).toBe(200);
    expect(changed.json.bundle.policy).toMatchObject({ id: s.policyB, name: "b" });
  });

  it("membership and default policy changes reach the agent on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    expect((await h.call("DELETE", `/v1/groups/${s.group}/members/${s.alice}`)).status).toBe(204);
    const left = await s.fetchBundle();
    expect(left.status).toBe(200);
    expect(left.json.bundle.policy).toBeNull();
    expect((await s.fetchBundle()).status).toBe(304);

    expect((await h.call("PUT", "/v1/default-policy", { body: { policyId: s.policyB } })).status).toBe(200);
    const defaulted = await s.fetchBundle();
    expect(defaulted.status).toBe(200);
    expect(defaulted.json.bundle.policy).toMatchObject({ id: s.policyB });

    expect((await h.call("PUT", `/v1/groups/${s.group}/members/${s.alice}`)).status).toBeLessThan(300);
    const rejoined = await s.fetchBundle();
    expect(rejoined.status).toBe(200);
    expect(rejoined.json.bundle.policy).toMatchObject({ id: s.policyA });
  });

  it("reassigning the device to another user reaches it on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    expect(await h.store.devices.assignDeviceUser(s.deviceId, s.bob)).toBe(true);
    const reassigned = await s.fetchBundle();
    expect(reassigned.status).toBe(200);
    expect(reassigned.json.bundle.policy).toBeNull();
  });

  it("a signing key change reaches the agent on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    await createSigningKey(h.store.signingKeys);
    const rekeyed = await s.fetchBundle();
    expect(rekeyed.status).toBe(200);
    expect((await s.fetchBundle()).status).toBe(304);
  });

  it("re-issues the bundle when its validity epoch turns, as without the cache", async () => {
    // Bundles live 7 days and are re-issued every half of that (build-device-bundle.ts).
    const epochMs = 3.5 * 86_400_000;
    const boundary = Math.ceil(NOW.getTime() / epochMs) * epochMs;
    // Seconds apart: the keyring is still cached, so only the epoch can make the ETag change.
    let at = boundary - 2_000;
    await h.close();
    h = await startServerHarness({ clock: () => new Date(at) });
    const s = await setUp(mode, () => new Date(at));
    const first = await s.fetchBundle();
    expect(first.status).toBe(200);
    expect((await s.fetchBundle()).status).toBe(304);
    at = boundary + 2_000;
    const turned = await s.fetchBundle();
    expect(turned.status).toBe(200);
    expect(turned.json.bundle.revision).toBe(first.json.bundle.revision + 1);
    expect(Date.parse(turned.json.bundle.expiresAt)).toBe(boundary + 2 * epochMs);
    expect((await s.fetchBundle()).status).toBe(304);
  });

  it("a revoked device is refused on its very next request", async () => {
    const s = await setUp(mode);
    await s.warm();
    expect(await h.store.devices.revokeDevice(s.deviceId, NOW.toISOString())).toBe(true);
    const refused = await s.fetchBundle();
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe("unauthenticated");
  });

  it("a change made by another process on the same database reaches the agent on its next fetch", async () => {
    const s = await setUp(mode);
    await s.warm();
    // A second store on the same file, as a second `warden serve` process would open it.
    const file = (await sql<{ file: string }>`pragma database_list`.execute(h.store.db)).rows[0]!.file;
    const other = await openStore({ dataDir: dirname(file) });
    try {
      expect(await other.directory.removeMember(s.group, s.alice)).toBe(true);
    } finally {
      await other.close();
    }
    const changed = await s.fetchBundle();
    expect(changed.status).toBe(200);
    expect(changed.json.bundle.policy).toBeNull();
  });
});
