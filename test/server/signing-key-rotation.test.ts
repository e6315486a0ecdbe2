import { checkBundleInstall, type PinnedKey } from "@warden/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deviceHeaders, enrolDevice } from "./device-requests.ts";
import { NOW, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

const BUNDLE = "/v1/devices/self/bundle";
const DAY = 86_400_000;

let h: ServerHarness;
let now = NOW;
beforeEach(async () => {
  now = NOW;
  h = await startServerHarness({ clock: () => now });
  const policy = (await h.call("POST", "/v1/policies", { body: { name: "p", requirementsToml: REQUIREMENTS } })).json;
  await h.call("PUT", "/v1/default-policy", { body: { policyId: policy.policy.id } });
});
afterEach(() => h.close());

type Device = Awaited<ReturnType<typeof enrolDevice>>;
const fetchBundle = (device: Device) =>
  h.call("GET", BUNDLE, {
    token: null,
    headers: deviceHeaders(device.key, { method: "GET", path: BUNDLE, at: now.getTime() }),
  });
const ids = (keys: readonly { keyId: string }[]) => keys.map((k) => k.keyId);

describe("signing-key rotation", () => {
  it("add B → promote B → retire A: an agent pinning only A follows to B and drops A", async () => {
    const device = await enrolDevice(h);
    const [a] = ids(device.pinned);
    const first = await fetchBundle(device);
    expect(first.json).not.toHaveProperty("endorsements");
    expect(ids(first.json.bundle.trustedKeys)).toEqual([a]);

    const added = await h.call("POST", "/v1/signing-keys", { token: h.tokens.admin });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    const b = added.json.keyId as string;
    expect(added.json).toMatchObject({
      signing: false,
      retiredAt: null,
      publicKeyPem: expect.stringContaining("PUBLIC KEY"),
    });
    expect(added.json).not.toHaveProperty("privateKeyPem");

    // Announced while A still signs: a new revision, signed by A, endorsed by B.
    const announced = await fetchBundle(device);
    expect(announced.json.bundle).toMatchObject({ revision: 2, keyId: a });
    expect(ids(announced.json.bundle.trustedKeys)).toEqual([a, b]);
    expect(ids(announced.json.endorsements)).toEqual([b]);
    const seen = checkBundleInstall(1, announced.json, device.pinned, now, device.deviceId);
    expect(seen).toMatchObject({ ok: true, pins: { added: [b], removed: [] } });

    const promoted = await h.call("POST", `/v1/signing-keys/${b}/promote`, { token: h.tokens.admin });
    expect(promoted.json).toMatchObject({ keyId: b, signing: true });
    const retiredSigner = await h.call("POST", `/v1/signing-keys/${b}/retire`, { token: h.tokens.admin });
    expect(retiredSigner.status).toBe(409);
    expect(retiredSigner.json.message).toContain("promote another key");
    const retired = await h.call("POST", `/v1/signing-keys/${a}/retire`, { token: h.tokens.admin });
    expect(retired.json).toMatchObject({ keyId: a, signing: false, retiredAt: now.toISOString() });

    const rotated = await fetchBundle(device);
    expect(rotated.json.bundle).toMatchObject({ revision: 3, keyId: b });
    expect(ids(rotated.json.bundle.trustedKeys)).toEqual([b]);
    expect(ids(rotated.json.endorsements)).toEqual([a]);
    // An agent that never saw the announcement (pins A only) follows, and so does one that did.
    const fromA = checkBundleInstall(1, rotated.json, device.pinned, now, device.deviceId);
    expect(fromA).toMatchObject({ ok: true, pins: { added: [b], removed: [a] } });
    const pinsAfter = fromA.ok ? fromA.pins.keys : [];
    expect(ids(pinsAfter)).toEqual([b]);
    expect(
      checkBundleInstall(2, rotated.json, (seen.ok ? seen.pins.keys : []) as PinnedKey[], now, device.deviceId),
    ).toMatchObject({
      ok: true,
      pins: { removed: [a] },
    });
    // After the rotation the old bundles are refused: A is no longer pinned (and they are older).
    expect(checkBundleInstall(3, first.json, pinsAfter, now, device.deviceId)).toMatchObject({
      ok: false,
      code: "unknown_key",
    });

    expect(ids((await h.call("GET", "/v1/signing-keys", { token: null })).json.data)).toEqual([b]);
    const all = (await h.call("GET", "/v1/signing-keys?retired=true", { token: null })).json.data;
    expect(all).toMatchObject([
      { keyId: b, signing: true, retiredAt: null },
      { keyId: a, signing: false, retiredAt: now.toISOString() },
    ]);
    const activity = (await h.call("GET", "/v1/activity?targetType=signing_key")).json.data;
    expect(activity.map((e: { action: string; targetId: string }) => `${e.action} ${e.targetId}`)).toEqual([
      `signing_key.retire ${a}`,
      `signing_key.promote ${b}`,
      `signing_key.create ${b}`,
    ]);
    expect(activity[1]).toMatchObject({ details: { previousSignerId: a }, actor: { kind: "principal" } });
  });

  it("stops endorsing with a retired key after 30 days: an agent pinning only that key is refused with the reason", async () => {
    const device = await enrolDevice(h);
    const [a] = ids(device.pinned);
    const b = (await h.call("POST", "/v1/signing-keys", { token: h.tokens.admin })).json.keyId;
    await h.call("POST", `/v1/signing-keys/${b}/promote`, { token: h.tokens.admin });
    await h.call("POST", `/v1/signing-keys/${a}/retire`, { token: h.tokens.admin });
    now = new Date(NOW.getTime() + 29 * DAY);
    const within = await fetchBundle(device);
    expect(ids(within.json.endorsements)).toEqual([a]);
    now = new Date(NOW.getTime() + 31 * DAY);
    const after = await fetchBundle(device);
    expect(after.json.bundle.keyId).toBe(b);
    expect(after.json).not.toHaveProperty("endorsements");
    const verdict = checkBundleInstall(1, after.json, device.pinned, now, device.deviceId);
    expect(verdict).toMatchObject({ ok: false, code: "unknown_key" });
    if (!verdict.ok) expect(verdict.message).toContain(`signed by key "${b}"`);
  });

  it("answers 404 for an unknown key and 409 for a retired one; promoting the signer changes nothing", async () => {
    await enrolDevice(h);
    const [signer] = (await h.call("GET", "/v1/signing-keys", { token: null })).json.data;
    expect((await h.call("POST", "/v1/signing-keys/sk_nope/promote")).status).toBe(404);
    expect((await h.call("POST", "/v1/signing-keys/sk_nope/retire")).status).toBe(404);
    const again = await h.call("POST", `/v1/signing-keys/${signer.keyId}/promote`);
    expect(again.json).toMatchObject({ keyId: signer.keyId, signing: true });
    const b = (await h.call("POST", "/v1/signing-keys")).json.keyId;
    expect((await h.call("POST", `/v1/signing-keys/${b}/retire`)).status).toBe(200);
    expect((await h.call("POST", `/v1/signing-keys/${b}/retire`)).status).toBe(409);
    expect((await h.call("POST", `/v1/signing-keys/${b}/promote`)).status).toBe(409);
    const actions = (await h.call("GET", "/v1/activity?targetType=signing_key")).json.data.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(["signing_key.retire", "signing_key.create"]);
  });
});
