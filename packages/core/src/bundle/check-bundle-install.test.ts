import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BUNDLE_SCHEMA_V1, type BundleV1, type PinnedKey, type SignedBundleV1 } from "./bundle-types.ts";
import { type BundleRefusalCode, checkBundleInstall } from "./check-bundle-install.ts";
import { signBundle, verifyBundle } from "./sign-bundle.ts";

function keyPair(keyId: string) {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    pinned: { keyId, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() } as PinnedKey,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

const OLD = keyPair("k-old");
const NEW = keyPair("k-new");
const STRANGER = keyPair("k-new");
const NOW = new Date("2026-03-01T12:00:00.000Z");

function bundle(overrides: Partial<BundleV1> = {}): BundleV1 {
  return {
    schema: BUNDLE_SCHEMA_V1,
    deviceId: "dev-1",
    revision: 3,
    issuedAt: "2026-03-01T11:00:00.000Z",
    expiresAt: "2026-03-08T11:00:00.000Z",
    policy: { id: "p1", name: "eng", revision: 2 },
    files: { requirementsToml: 'allowed_sandbox_modes = ["read-only"]\n', managedConfigToml: null, hookPolicy: null },
    keyId: "k-new",
    ...overrides,
  };
}

const signedBy = (key: { privateKeyPem: string }, b: BundleV1 = bundle()) => signBundle(b, key.privateKeyPem);

function tampered(edit: (b: BundleV1) => BundleV1): SignedBundleV1 {
  const signed = signedBy(NEW);
  return { bundle: edit(structuredClone(signed.bundle)), signature: signed.signature };
}

const PINNED = [NEW.pinned, OLD.pinned];

const CASES: Array<{ name: string; installed: number | null; signed: unknown; expected: "ok" | BundleRefusalCode }> = [
  { name: "fresh install", installed: null, signed: signedBy(NEW), expected: "ok" },
  { name: "newer revision", installed: 2, signed: signedBy(NEW), expected: "ok" },
  { name: "same revision (re-install)", installed: 3, signed: signedBy(NEW), expected: "ok" },
  {
    name: "older active key (rotation)",
    installed: 1,
    signed: signedBy(OLD, bundle({ keyId: "k-old" })),
    expected: "ok",
  },
  { name: "replayed older bundle", installed: 4, signed: signedBy(NEW), expected: "rollback" },
  {
    name: "forged: requirements edited after signing",
    installed: null,
    signed: tampered((b) => ({ ...b, files: { ...b.files, requirementsToml: "" } })),
    expected: "bad_signature",
  },
  {
    name: "forged: revision bumped after signing",
    installed: 3,
    signed: tampered((b) => ({ ...b, revision: 99 })),
    expected: "bad_signature",
  },
  {
    name: "forged: signed by a stranger claiming a pinned key id",
    installed: null,
    signed: signedBy(STRANGER),
    expected: "bad_signature",
  },
  {
    name: "unpinned key id",
    installed: null,
    signed: signedBy(NEW, bundle({ keyId: "k-other" })),
    expected: "unknown_key",
  },
  {
    name: "garbage signature",
    installed: null,
    signed: { bundle: bundle(), signature: "not base64 at all" },
    expected: "bad_signature",
  },
  {
    name: "another device's bundle",
    installed: null,
    signed: signedBy(NEW, bundle({ deviceId: "dev-2" })),
    expected: "wrong_device",
  },
  {
    name: "expired",
    installed: null,
    signed: signedBy(NEW, bundle({ expiresAt: "2026-03-01T11:59:59.000Z" })),
    expected: "expired",
  },
  {
    name: "issued in the future",
    installed: null,
    signed: signedBy(NEW, bundle({ issuedAt: "2026-03-01T13:00:00.000Z" })),
    expected: "not_yet_valid",
  },
  { name: "not a bundle", installed: null, signed: { hello: "world" }, expected: "malformed" },
  { name: "null", installed: null, signed: null, expected: "malformed" },
];

describe("checkBundleInstall", () => {
  it.each(CASES)("$name → $expected", ({ installed, signed, expected }) => {
    const verdict = checkBundleInstall(installed, signed, PINNED, NOW, "dev-1");
    expect(verdict.ok ? "ok" : verdict.code).toBe(expected);
    if (!verdict.ok) expect(verdict.message).not.toBe("");
  });
});

describe("signBundle / verifyBundle", () => {
  it("signs the canonical JSON: key order does not matter", () => {
    const signed = signedBy(NEW);
    const { keyId, ...rest } = signed.bundle;
    const reordered = { keyId, ...rest } as BundleV1;
    expect(verifyBundle({ bundle: reordered, signature: signed.signature }, NEW.pinned.publicKeyPem)).toBe(true);
    expect(verifyBundle(signed, OLD.pinned.publicKeyPem)).toBe(false);
    expect(verifyBundle(signed, "not a key")).toBe(false);
  });
});

describe("checkBundleInstall during a signing-key rotation", () => {
  const A = keyPair("k-a");
  const B = keyPair("k-b");
  const C = keyPair("k-c");
  const key = (k: typeof A) => ({ keyId: k.pinned.keyId, publicKeyPem: k.pinned.publicKeyPem });
  const rotated = (overrides: Partial<BundleV1> = {}) => bundle({ keyId: "k-b", trustedKeys: [key(B)], ...overrides });
  const endorse = (...keys: (typeof A)[]) =>
    keys.map((k) => ({ keyId: k.pinned.keyId, privateKeyPem: k.privateKeyPem }));
  const check = (installed: number | null, signed: unknown, pinned: PinnedKey[]) =>
    checkBundleInstall(installed, signed, pinned, NOW, "dev-1");

  it("adopts a new key from a bundle endorsed by a pinned one, and drops the retired key", () => {
    const verdict = check(2, signBundle(rotated(), B.privateKeyPem, endorse(A)), [A.pinned]);
    expect(verdict).toMatchObject({ ok: true, pins: { keys: [key(B)], added: ["k-b"], removed: ["k-a"] } });
  });

  it("adds an announced key while the pinned one still signs", () => {
    const announced = bundle({ keyId: "k-a", trustedKeys: [key(A), key(B)] });
    const verdict = check(null, signBundle(announced, A.privateKeyPem, endorse(B)), [A.pinned]);
    expect(verdict).toMatchObject({ ok: true, pins: { keys: [key(A), key(B)], added: ["k-b"], removed: [] } });
  });

  it("keeps the pins of a bundle from a server that announces no keys", () => {
    const verdict = check(null, signBundle(bundle({ keyId: "k-a" }), A.privateKeyPem), [A.pinned]);
    expect(verdict).toMatchObject({ ok: true, pins: { keys: [A.pinned], added: [], removed: [] } });
  });

  it.each([
    ["signed only by an unpinned key", () => signBundle(rotated(), B.privateKeyPem), [A.pinned], "unknown_key"],
    [
      "signed only by a key retired since (the agent saw the retirement)",
      () => signBundle(bundle({ keyId: "k-a", trustedKeys: [key(A)] }), A.privateKeyPem),
      [B.pinned],
      "unknown_key",
    ],
    [
      "an endorsement by a pinned key that does not verify",
      () => ({
        ...signBundle(rotated(), B.privateKeyPem, endorse(A)),
        endorsements: [{ keyId: "k-a", signature: signBundle(rotated(), C.privateKeyPem).signature }],
      }),
      [A.pinned],
      "bad_signature",
    ],
    [
      "a new signing key that did not make the bundle's signature",
      () => ({ ...signBundle(rotated(), A.privateKeyPem, endorse(A)) }),
      [A.pinned],
      "bad_signature",
    ],
    [
      "another public key for a pinned key id",
      () =>
        signBundle(
          bundle({ keyId: "k-a", trustedKeys: [{ keyId: "k-a", publicKeyPem: C.pinned.publicKeyPem }] }),
          A.privateKeyPem,
        ),
      [A.pinned],
      "key_conflict",
    ],
    [
      "trusted keys without the signing key",
      () => signBundle(bundle({ keyId: "k-a", trustedKeys: [key(B)] }), A.privateKeyPem),
      [A.pinned],
      "malformed",
    ],
    [
      "an older revision signed by the new key (rollback)",
      () => signBundle(rotated({ revision: 2 }), B.privateKeyPem),
      [B.pinned],
      "rollback",
    ],
    [
      "endorsements that are not signatures",
      () => ({ ...signBundle(rotated(), B.privateKeyPem), endorsements: [{ keyId: "k-a" }] }),
      [A.pinned],
      "malformed",
    ],
  ] as const)("refuses %s", (_name, make, pinned, code) => {
    const verdict = check(3, make(), [...pinned]);
    expect(verdict.ok ? "ok" : verdict.code).toBe(code);
    if (!verdict.ok) expect(verdict.message).not.toBe("");
  });

  it("names the keys in an unknown_key refusal", () => {
    const verdict = check(null, signBundle(rotated(), B.privateKeyPem, endorse(C)), [A.pinned]);
    expect(verdict).toMatchObject({ ok: false, code: "unknown_key" });
    if (!verdict.ok) expect(verdict.message).toContain('signed by key "k-b" and endorsed by "k-c"');
  });
});
