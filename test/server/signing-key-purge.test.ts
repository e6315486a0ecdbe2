import { purgeRetiredPrivateKeys } from "@warden/server";
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/store-targets.ts";
import { deviceHeaders, enrolDevice } from "./device-requests.ts";
import { harnessPerTest, NOW, REQUIREMENTS } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";
const DAY = 86_400_000;

describe.each(TEST_DIALECTS)("retired signing keys' private keys on $dialect", ({ dialect, skip }) => {
  const t = harnessPerTest(dialect, skip);
  beforeEach(async () => {
    if (skip) return;
    const policy = (await t.h.call("POST", "/v1/policies", { body: { name: "p", requirementsToml: REQUIREMENTS } }))
      .json;
    await t.h.call("PUT", "/v1/default-policy", { body: { policyId: policy.policy.id } });
  }, 30_000);

  const at = (days: number, ms = 0) => new Date(NOW.getTime() + days * DAY + ms);
  const privateKeyOf = async (id: string) => (await t.h.store.signingKeys.getSigningKey(id))?.privateKeyPem;
  /** Adds a key, makes it the signer and retires `retired` (at `t.now`); returns the new key's id. */
  async function rotateAway(retired: string): Promise<string> {
    const added = (await t.h.call("POST", "/v1/signing-keys", { token: t.h.tokens.admin })).json.keyId as string;
    await t.h.call("POST", `/v1/signing-keys/${added}/promote`, { token: t.h.tokens.admin });
    expect((await t.h.call("POST", `/v1/signing-keys/${retired}/retire`, { token: t.h.tokens.admin })).status).toBe(
      200,
    );
    return added;
  }

  it.skipIf(skip)(
    "deletes a retired key's private key once its 30 days have passed, on listing, keeping its public key",
    async () => {
      const device = await enrolDevice(t.h);
      const [a] = device.pinned.map((k) => k.keyId) as [string];
      const b = await rotateAway(a);
      const publicKeyPem = (await t.h.store.signingKeys.getSigningKey(a))?.publicKeyPem;

      t.now = at(30, -1);
      expect((await t.h.call("GET", "/v1/signing-keys?retired=true", { token: null })).status).toBe(200);
      expect(await privateKeyOf(a)).toContain("PRIVATE KEY");
      const within = await t.h.call("GET", BUNDLE, {
        token: null,
        headers: deviceHeaders(device.key, { method: "GET", path: BUNDLE, at: t.now.getTime() }),
      });
      expect(within.json.endorsements.map((e: { keyId: string }) => e.keyId)).toEqual([a]);

      t.now = at(30);
      const listed = (await t.h.call("GET", "/v1/signing-keys?retired=true", { token: null })).json.data;
      expect(listed).toMatchObject([
        { keyId: b, signing: true },
        { keyId: a, publicKeyPem, retiredAt: NOW.toISOString() },
      ]);
      expect(await privateKeyOf(a)).toBeNull();
      expect(await privateKeyOf(b)).toContain("PRIVATE KEY");
      const activity = (await t.h.call("GET", "/v1/activity?targetType=signing_key")).json.data;
      expect(activity[0]).toMatchObject({
        action: "signing_key.purge_private_key",
        targetId: a,
        actor: { kind: "system", id: null },
      });
      // Bundles are signed by the active key alone from then on; nothing is purged twice.
      const after = await t.h.call("GET", BUNDLE, {
        token: null,
        headers: deviceHeaders(device.key, { method: "GET", path: BUNDLE, at: t.now.getTime() }),
      });
      expect(after.status).toBe(200);
      expect(after.json.bundle.keyId).toBe(b);
      expect(after.json).not.toHaveProperty("endorsements");
      expect(await purgeRetiredPrivateKeys(t.h.store, at(90))).toEqual([]);
    },
  );

  it.skipIf(skip)("purges on rotation and on server start (purgeRetiredPrivateKeys), never an active key", async () => {
    const device = await enrolDevice(t.h);
    const [a] = device.pinned.map((k) => k.keyId) as [string];
    const b = await rotateAway(a);
    t.now = at(10);
    const c = await rotateAway(b);

    t.now = at(31);
    const d = (await t.h.call("POST", "/v1/signing-keys", { token: t.h.tokens.admin })).json.keyId as string;
    expect(await privateKeyOf(a)).toBeNull();
    expect(await privateKeyOf(b)).toContain("PRIVATE KEY");

    // What `warden serve` runs at start, 30 days after b was retired.
    expect(await purgeRetiredPrivateKeys(t.h.store, at(40))).toEqual([b]);
    expect(await privateKeyOf(b)).toBeNull();
    for (const active of [c, d]) expect(await privateKeyOf(active)).toContain("PRIVATE KEY");
  });
});
