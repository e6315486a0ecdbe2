import { purgeRetiredPrivateKeys } from "@warden/server";
import type { OpenStoreOptions } from "@warden/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS, TestDatabases } from "../store/store-targets.ts";
import { deviceHeaders, enrolDevice } from "./device-requests.ts";
import { NOW, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";
const DAY = 86_400_000;

describe.each(TEST_DIALECTS)("retired signing keys' private keys on $dialect", ({ dialect, skip }) => {
  const databases = new TestDatabases(dialect);
  let h: ServerHarness;
  let now = NOW;
  beforeEach(async () => {
    if (skip) return;
    now = NOW;
    const location: OpenStoreOptions = await databases.create();
    h = await startServerHarness({ clock: () => now }, location);
    const policy = (await h.call("POST", "/v1/policies", { body: { name: "p", requirementsToml: REQUIREMENTS } })).json;
    await h.call("PUT", "/v1/default-policy", { body: { policyId: policy.policy.id } });
  }, 30_000);
  afterEach(async () => {
    if (skip) return;
    await h.close();
    await databases.dropAll();
  }, 30_000);

  const at = (days: number, ms = 0) => new Date(NOW.getTime() + days * DAY + ms);
  const privateKeyOf = async (id: string) => (await h.store.signingKeys.getSigningKey(id))?.privateKeyPem;
  /** Adds a key, makes it the signer and retires `retired` (now); returns the new key's id. */
  async function rotateAway(retired: string): Promise<string> {
    const added = (await h.call("POST", "/v1/signing-keys", { token: h.tokens.admin })).json.keyId as string;
    await h.call("POST", `/v1/signing-keys/${added}/promote`, { token: h.tokens.admin });
    expect((await h.call("POST", `/v1/signing-keys/${retired}/retire`, { token: h.tokens.admin })).status).toBe(200);
    return added;
  }

  it.skipIf(skip)(
    "deletes a retired key's private key once its 30 days have passed, on listing, keeping its public key",
    async () => {
      const device = await enrolDevice(h);
      const [a] = device.pinned.map((k) => k.keyId) as [string];
      const b = await rotateAway(a);
      const publicKeyPem = (await h.store.signingKeys.getSigningKey(a))?.publicKeyPem;

      now = at(30, -1);
      expect((await h.call("GET", "/v1/signing-keys?retired=true", { token: null })).status).toBe(200);
      expect(await privateKeyOf(a)).toContain("PRIVATE KEY");
      const within = await h.call("GET", BUNDLE, {
        token: null,
        headers: deviceHeaders(device.key, { method: "GET", path: BUNDLE, at: now.getTime() }),
      });
      expect(within.json.endorsements.map((e: { keyId: string }) => e.keyId)).toEqual([a]);

      now = at(30);
      const listed = (await h.call("GET", "/v1/signing-keys?retired=true", { token: null })).json.data;
      expect(listed).toMatchObject([
        { keyId: b, signing: true },
        { keyId: a, publicKeyPem, retiredAt: NOW.toISOString() },
      ]);
      expect(await privateKeyOf(a)).toBeNull();
      expect(await privateKeyOf(b)).toContain("PRIVATE KEY");
      const activity = (await h.call("GET", "/v1/activity?targetType=signing_key")).json.data;
      expect(activity[0]).toMatchObject({
        action: "signing_key.purge_private_key",
        targetId: a,
        actor: { kind: "system", id: null },
      });
      // Bundles are signed by the active key alone from then on; nothing is purged twice.
      const after = await h.call("GET", BUNDLE, {
        token: null,
        headers: deviceHeaders(device.key, { method: "GET", path: BUNDLE, at: now.getTime() }),
      });
      expect(after.status).toBe(200);
      expect(after.json.bundle.keyId).toBe(b);
      expect(after.json).not.toHaveProperty("endorsements");
      expect(await purgeRetiredPrivateKeys(h.store, at(90))).toEqual([]);
    },
  );

  it.skipIf(skip)("purges on rotation and on server start (purgeRetiredPrivateKeys), never an active key", async () => {
    const device = await enrolDevice(h);
    const [a] = device.pinned.map((k) => k.keyId) as [string];
    const b = await rotateAway(a);
    now = at(10);
    const c = await rotateAway(b);

    now = at(31);
    const d = (await h.call("POST", "/v1/signing-keys", { token: h.tokens.admin })).json.keyId as string;
    expect(await privateKeyOf(a)).toBeNull();
    expect(await privateKeyOf(b)).toContain("PRIVATE KEY");

    // What `warden serve` runs at start, 30 days after b was retired.
    expect(await purgeRetiredPrivateKeys(h.store, at(40))).toEqual([b]);
    expect(await privateKeyOf(b)).toBeNull();
    for (const active of [c, d]) expect(await privateKeyOf(active)).toContain("PRIVATE KEY");
  });
});
