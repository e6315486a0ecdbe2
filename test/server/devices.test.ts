import { generateKeyPairSync, randomBytes } from "node:crypto";
import { checkBundleInstall, signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOW, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";

function deviceKey() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
type DeviceKey = ReturnType<typeof deviceKey>;

function signedHeaders(key: DeviceKey, options: { at?: number; nonce?: string; path?: string } = {}) {
  const timestamp = String(options.at ?? NOW.getTime());
  const nonce = options.nonce ?? randomBytes(12).toString("base64url");
  const signature = signDeviceRequest(
    { method: "GET", path: options.path ?? BUNDLE, timestamp, nonce, body: "" },
    key.privateKeyPem,
  );
  return {
    [DEVICE_AUTH_HEADERS.key]: Buffer.from(key.publicKeyPem).toString("base64"),
    [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
    [DEVICE_AUTH_HEADERS.nonce]: nonce,
    [DEVICE_AUTH_HEADERS.signature]: signature,
  };
}

let h: ServerHarness;
beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(() => h.close());

async function enrol(h: ServerHarness, user: string | null = "alice") {
  const issued = await h.call("POST", "/v1/enrollment-tokens", { token: h.tokens.admin, body: { user } });
  expect(issued.status, JSON.stringify(issued.json)).toBe(201);
  const key = deviceKey();
  const body = {
    token: issued.json.token,
    publicKeyPem: key.publicKeyPem,
    hostname: "laptop-1",
    platform: "linux-x64",
  };
  const enrolled = await h.call("POST", "/v1/devices/enroll", {
    token: null,
    body: { ...body, osUser: "alice", agentVersion: "0.1.0" },
  });
  return { issued, enrolled, key, token: issued.json.token as string };
}

async function seedPolicy(h: ServerHarness) {
  const alice = (await h.call("POST", "/v1/users", { body: { name: "alice" } })).json.id;
  const group = (await h.call("POST", "/v1/groups", { body: { name: "eng" } })).json.id;
  await h.call("PUT", `/v1/groups/${group}/members/${alice}`);
  const policy = (await h.call("POST", "/v1/policies", { body: { name: "eng", requirementsToml: REQUIREMENTS } })).json
    .policy.id;
  await h.call("PUT", "/v1/group-rules", { body: { rules: [{ groupId: group, policyId: policy }] } });
  return { alice, policy };
}

describe("enrollment", () => {
  it("issues a one-time token that enrols exactly one device and answers the keys to pin", async () => {
    const { alice } = await seedPolicy(h);
    const { issued, enrolled, token } = await enrol(h);
    expect(issued.json).toMatchObject({ token: expect.stringMatching(/^we_/), userId: alice });
    expect(issued.json.expiresAt).toBe(new Date(NOW.getTime() + 86_400_000).toISOString());
    expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(201);
    expect(enrolled.json).toMatchObject({ deviceId: expect.any(String), userId: alice });
    expect(enrolled.json.signingKeys).toHaveLength(1);
    const keys = await h.call("GET", "/v1/signing-keys", { token: null });
    expect(keys.json.data).toEqual(enrolled.json.signingKeys);

    const again = await h.call("POST", "/v1/devices/enroll", {
      token: null,
      body: {
        token,
        publicKeyPem: deviceKey().publicKeyPem,
        hostname: "h",
        platform: "p",
        osUser: "u",
        agentVersion: "0",
      },
    });
    expect(again.status).toBe(410);
    expect(again.json.code).toBe("gone");
  });

  it("refuses an unknown token (401) and an expired one (410); 404 for an unknown user", async () => {
    const body = {
      publicKeyPem: deviceKey().publicKeyPem,
      hostname: "h",
      platform: "p",
      osUser: "u",
      agentVersion: "0",
    };
    const unknown = await h.call("POST", "/v1/devices/enroll", { token: null, body: { ...body, token: "we_nope" } });
    expect(unknown.status).toBe(401);
    const stored = await h.store.devices.createEnrollmentToken({
      tokenHash: (await import("@warden/server")).hashApiKeySecret("we_old"),
      expiresAt: new Date(NOW.getTime() - 1000).toISOString(),
    });
    expect(stored.id).toBeTruthy();
    const expired = await h.call("POST", "/v1/devices/enroll", { token: null, body: { ...body, token: "we_old" } });
    expect(expired.status).toBe(410);
    const noUser = await h.call("POST", "/v1/enrollment-tokens", { body: { user: "ghost" } });
    expect(noUser.status).toBe(404);
  });
});

describe("GET /v1/devices/self/bundle", () => {
  it("serves the signed bundle of the user's policy, 304 on If-None-Match, a new revision when the policy changes", async () => {
    const { policy } = await seedPolicy(h);
    const { enrolled, key } = await enrol(h);
    const deviceId = enrolled.json.deviceId;
    const pinned = enrolled.json.signingKeys;

    const first = await h.call("GET", BUNDLE, { token: null, headers: signedHeaders(key) });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.json.bundle).toMatchObject({
      deviceId,
      revision: 1,
      policy: { id: policy, name: "eng", revision: 1 },
      files: { requirementsToml: REQUIREMENTS, managedConfigToml: null, hookPolicy: null },
    });
    expect(checkBundleInstall(null, first.json, pinned, NOW, deviceId)).toMatchObject({ ok: true });

    const same = await h.call("GET", BUNDLE, { token: null, headers: signedHeaders(key) });
    expect(same.json).toEqual(first.json);
    const notModified = await h.call("GET", BUNDLE, {
      token: null,
      headers: { ...signedHeaders(key), "if-none-match": etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);

    await h.call("PUT", `/v1/policies/${policy}`, { body: { requirementsToml: `${REQUIREMENTS}# v2\n` } });
    const changed = await h.call("GET", BUNDLE, {
      token: null,
      headers: { ...signedHeaders(key), "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.bundle).toMatchObject({ revision: 2, policy: { revision: 2 } });
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(checkBundleInstall(2, first.json, pinned, NOW, deviceId)).toMatchObject({ ok: false, code: "rollback" });
  });

  it("refuses unsigned, forged, stale, replayed and unknown-device requests (401)", async () => {
    await seedPolicy(h);
    const { key } = await enrol(h);
    const stranger = deviceKey();
    const replayed = signedHeaders(key, { nonce: "fixed-nonce-123" });
    expect((await h.call("GET", BUNDLE, { token: null, headers: replayed })).status).toBe(200);
    const forged = {
      ...signedHeaders(stranger),
      [DEVICE_AUTH_HEADERS.key]: signedHeaders(key)[DEVICE_AUTH_HEADERS.key]!,
    };
    const cases: Record<string, Record<string, string>> = {
      unsigned: {},
      "replayed nonce": replayed,
      "signed by another key": forged,
      "signed for another path": signedHeaders(key, { path: "/v1/signing-keys" }),
      "timestamp too old": signedHeaders(key, { at: NOW.getTime() - 6 * 60_000 }),
      "not enrolled": signedHeaders(stranger),
    };
    for (const [name, headers] of Object.entries(cases)) {
      const response = await h.call("GET", BUNDLE, { token: null, headers });
      expect(response.status, name).toBe(401);
      expect(response.json.code, name).toBe("unauthenticated");
    }
  });

  it("keeps an added key trusted but not signing until it is promoted", async () => {
    await seedPolicy(h);
    const { key, enrolled } = await enrol(h);
    const { createSigningKey } = await import("@warden/server");
    const added = await createSigningKey(h.store.signingKeys);
    const bundle = await h.call("GET", BUNDLE, { token: null, headers: signedHeaders(key) });
    expect(bundle.json.bundle.keyId).toBe(enrolled.json.signingKeys[0].keyId);
    expect(bundle.json.bundle.trustedKeys.map((k: { keyId: string }) => k.keyId)).toEqual([
      enrolled.json.signingKeys[0].keyId,
      added.id,
    ]);
    const published = (await h.call("GET", "/v1/signing-keys", { token: null })).json.data;
    expect(published.map((k: { signing: boolean }) => k.signing)).toEqual([true, false]);
  });
});
