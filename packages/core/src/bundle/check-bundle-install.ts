import {
  BUNDLE_SCHEMA_V1,
  type BundleEndorsementV1,
  type BundleKeyV1,
  type BundleV1,
  type PinnedKey,
  type SignedBundleV1,
} from "./bundle-types.ts";
import { verifyBundleSignature } from "./sign-bundle.ts";

/** Why the agent refuses to install a bundle. */
export type BundleRefusalCode =
  | "malformed"
  | "unknown_key"
  | "bad_signature"
  | "key_conflict"
  | "wrong_device"
  | "rollback"
  | "not_yet_valid"
  | "expired";

/** The keys the agent pins after installing a bundle, and how they differ from before. */
export interface PinUpdate {
  readonly keys: PinnedKey[];
  /** Key ids pinned now that were not before. */
  readonly added: string[];
  /** Key ids no longer pinned (retired by the server). */
  readonly removed: string[];
}

/** The verdict on a fetched bundle: install it (and pin `pins.keys`), or why not. */
export type BundleInstallCheck =
  | { readonly ok: true; readonly bundle: BundleV1; readonly pins: PinUpdate }
  | { readonly ok: false; readonly code: BundleRefusalCode; readonly message: string };

// A server clock slightly ahead of the device's must not make a fresh bundle unusable.
const CLOCK_SKEW_MS = 5 * 60_000;

function refuse(code: BundleRefusalCode, message: string): BundleInstallCheck {
  return { ok: false, code, message };
}

const isKeyRef = (value: unknown, field: "publicKeyPem" | "signature"): boolean => {
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.keyId === "string" && typeof v[field] === "string";
};

function isSignedBundle(value: unknown): value is SignedBundleV1 {
  const v = value as { bundle?: Partial<BundleV1>; signature?: unknown; endorsements?: unknown } | null;
  const b = v?.bundle;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.signature === "string" &&
    (v.endorsements === undefined ||
      (Array.isArray(v.endorsements) && v.endorsements.every((e) => isKeyRef(e, "signature")))) &&
    typeof b === "object" &&
    b !== null &&
    b.schema === BUNDLE_SCHEMA_V1 &&
    typeof b.deviceId === "string" &&
    Number.isSafeInteger(b.revision) &&
    typeof b.issuedAt === "string" &&
    typeof b.expiresAt === "string" &&
    typeof b.keyId === "string" &&
    (b.trustedKeys === undefined ||
      (Array.isArray(b.trustedKeys) && b.trustedKeys.every((k) => isKeyRef(k, "publicKeyPem")))) &&
    typeof b.files === "object" &&
    b.files !== null &&
    typeof b.files.requirementsToml === "string"
  );
}

const samePem = (a: string, b: string) => a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();
const quoted = (ids: readonly string[]) => (ids.length === 0 ? "none" : ids.map((id) => JSON.stringify(id)).join(", "));

/**
 * The bundle's signatures (its own and its endorsements) by keys the agent pins: at least one,
 * and every one of them must verify. Null when they do, else the refusal.
 */
function checkPinnedSignatures(signed: SignedBundleV1, pinned: ReadonlyMap<string, PinnedKey>) {
  const { bundle } = signed;
  const signatures: BundleEndorsementV1[] = [
    { keyId: bundle.keyId, signature: signed.signature },
    ...(signed.endorsements ?? []),
  ];
  const byPinned = signatures.filter((s) => pinned.has(s.keyId));
  if (byPinned.length === 0) {
    const endorsed = (signed.endorsements ?? []).map((e) => e.keyId);
    return refuse(
      "unknown_key",
      `the bundle is signed by key ${JSON.stringify(bundle.keyId)}` +
        (endorsed.length > 0 ? ` and endorsed by ${quoted(endorsed)}` : "") +
        `, none of which this device pins (pinned: ${quoted([...pinned.keys()])}); ` +
        "a key retired while the device was offline for long is no longer vouched for: enrol the device again",
    );
  }
  for (const s of byPinned) {
    if (!verifyBundleSignature(bundle, s.signature, pinned.get(s.keyId)!.publicKeyPem)) {
      return refuse("bad_signature", `the bundle's signature by pinned key ${s.keyId} does not verify`);
    }
  }
  return null;
}

/**
 * The key set a bundle announces (`trustedKeys`), checked against the pins: it must name the
 * bundle's signing key, once each, never give a pinned key id another public key, and a signing
 * key new to the agent must have made the bundle's own signature.
 */
function checkTrustedKeys(signed: SignedBundleV1, pinned: ReadonlyMap<string, PinnedKey>) {
  const { bundle } = signed;
  const trusted = bundle.trustedKeys as BundleKeyV1[];
  const ids = trusted.map((k) => k.keyId);
  if (trusted.length === 0 || new Set(ids).size !== ids.length || !ids.includes(bundle.keyId)) {
    return refuse(
      "malformed",
      `the bundle's trustedKeys (${quoted(ids)}) must list its signing key ${JSON.stringify(bundle.keyId)} and each key once`,
    );
  }
  for (const key of trusted) {
    const known = pinned.get(key.keyId);
    if (known !== undefined && !samePem(known.publicKeyPem, key.publicKeyPem)) {
      return refuse("key_conflict", `the bundle gives pinned key ${key.keyId} another public key; refused`);
    }
  }
  const signer = trusted.find((k) => k.keyId === bundle.keyId)!;
  if (!pinned.has(bundle.keyId) && !verifyBundleSignature(bundle, signed.signature, signer.publicKeyPem)) {
    return refuse(
      "bad_signature",
      `the bundle's signature does not verify against its new signing key ${bundle.keyId}`,
    );
  }
  return null;
}

/**
 * Decides whether the agent may install `signed` (as fetched, unchecked JSON): a signature by a
 * pinned key (the bundle's own, or an endorsement during a key rotation) must verify, and none by
 * a pinned key may fail; the bundle must be for this device, not older than the installed revision
 * (anti-rollback; the same revision is a re-install), and within its validity window at `now`.
 * The signatures are checked first, so nothing unsigned is trusted. When the bundle announces
 * `trustedKeys`, they become the pins (`pins`): keys are added and retired only by a bundle that
 * verified under a key already pinned, and only together with an accepted revision.
 */
export function checkBundleInstall(
  installedRevision: number | null,
  signed: unknown,
  pinnedKeys: readonly PinnedKey[],
  now: Date,
  deviceId: string,
): BundleInstallCheck {
  if (!isSignedBundle(signed))
    return refuse("malformed", "the server's answer is not a warden.bundle/v1 signed bundle");
  const { bundle } = signed;
  const pinned = new Map(pinnedKeys.map((key) => [key.keyId, key]));
  const signatureProblem = checkPinnedSignatures(signed, pinned);
  if (signatureProblem !== null) return signatureProblem;
  if (bundle.trustedKeys !== undefined) {
    const keyProblem = checkTrustedKeys(signed, pinned);
    if (keyProblem !== null) return keyProblem;
  }
  if (bundle.deviceId !== deviceId) {
    return refuse("wrong_device", `the bundle is for device ${bundle.deviceId}, not this device (${deviceId})`);
  }
  if (installedRevision !== null && bundle.revision < installedRevision) {
    return refuse(
      "rollback",
      `the bundle's revision ${bundle.revision} is lower than the installed revision ${installedRevision} (rollback refused)`,
    );
  }
  const issued = Date.parse(bundle.issuedAt);
  const expires = Date.parse(bundle.expiresAt);
  if (!Number.isFinite(issued) || !Number.isFinite(expires))
    return refuse("malformed", "the bundle's times are not ISO-8601");
  if (issued - CLOCK_SKEW_MS > now.getTime()) {
    return refuse("not_yet_valid", `the bundle was issued in the future (${bundle.issuedAt}); check the clock`);
  }
  if (expires <= now.getTime()) return refuse("expired", `the bundle expired at ${bundle.expiresAt}`);
  const keys =
    bundle.trustedKeys === undefined
      ? [...pinnedKeys]
      : bundle.trustedKeys.map(({ keyId, publicKeyPem }) => ({ keyId, publicKeyPem }));
  const next = new Set(keys.map((k) => k.keyId));
  return {
    ok: true,
    bundle,
    pins: {
      keys,
      added: keys.filter((k) => !pinned.has(k.keyId)).map((k) => k.keyId),
      removed: pinnedKeys.filter((k) => !next.has(k.keyId)).map((k) => k.keyId),
    },
  };
}
