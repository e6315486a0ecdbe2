import { BUNDLE_SCHEMA_V1, type BundleV1, type PinnedKey, type SignedBundleV1 } from "./bundle-types.ts";
import { verifyBundle } from "./sign-bundle.ts";

/** Why the agent refuses to install a bundle. */
export type BundleRefusalCode =
  | "malformed"
  | "unknown_key"
  | "bad_signature"
  | "wrong_device"
  | "rollback"
  | "not_yet_valid"
  | "expired";

/** The verdict on a fetched bundle: install it, or why not. */
export type BundleInstallCheck =
  | { readonly ok: true; readonly bundle: BundleV1 }
  | { readonly ok: false; readonly code: BundleRefusalCode; readonly message: string };

// A server clock slightly ahead of the device's must not make a fresh bundle unusable.
const CLOCK_SKEW_MS = 5 * 60_000;

function refuse(code: BundleRefusalCode, message: string): BundleInstallCheck {
  return { ok: false, code, message };
}

function isSignedBundle(value: unknown): value is SignedBundleV1 {
  const v = value as { bundle?: Partial<BundleV1>; signature?: unknown } | null;
  const b = v?.bundle;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.signature === "string" &&
    typeof b === "object" &&
    b !== null &&
    b.schema === BUNDLE_SCHEMA_V1 &&
    typeof b.deviceId === "string" &&
    Number.isSafeInteger(b.revision) &&
    typeof b.issuedAt === "string" &&
    typeof b.expiresAt === "string" &&
    typeof b.keyId === "string" &&
    typeof b.files === "object" &&
    b.files !== null &&
    typeof b.files.requirementsToml === "string"
  );
}

/**
 * Decides whether the agent may install `signed` (as fetched, unchecked JSON): the signature must
 * verify against a pinned key named by its `keyId`, the bundle must be for this device, not older
 * than the installed revision (anti-rollback; the same revision is a re-install), and within its
 * validity window at `now`. The signature is checked first, so nothing unsigned is trusted.
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
  const key = pinnedKeys.find((candidate) => candidate.keyId === bundle.keyId);
  if (key === undefined) {
    return refuse("unknown_key", `the bundle is signed by key ${JSON.stringify(bundle.keyId)}, which is not pinned`);
  }
  if (!verifyBundle(signed, key.publicKeyPem)) {
    return refuse("bad_signature", `the bundle's signature does not verify against pinned key ${bundle.keyId}`);
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
  return { ok: true, bundle };
}
