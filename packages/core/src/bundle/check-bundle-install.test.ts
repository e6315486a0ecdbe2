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
