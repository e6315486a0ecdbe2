/**
 * The signed policy bundle as core signs and checks it: a structural copy of `@warden/protocol`'s
 * bundle-v1.ts (core may not import protocol); bundle-types.test.ts fails when they drift. Change both.
 */
import type { CompiledHookPolicyV1 } from "../hook-policy/compiled-hook-policy.ts";

/** The `schema` tag of version 1. */
export const BUNDLE_SCHEMA_V1 = "warden.bundle/v1";

/** What a device installs, signed by the server. */
export interface BundleV1 {
  schema: typeof BUNDLE_SCHEMA_V1;
  deviceId: string;
  revision: number;
  issuedAt: string;
  expiresAt: string;
  policy: { id: string; name: string; revision: number } | null;
  files: {
    requirementsToml: string;
    managedConfigToml: string | null;
    hookPolicy: CompiledHookPolicyV1 | null;
  };
  /** The id of the signing key whose signature is attached. */
  keyId: string;
  /**
   * The server's signing keys the agent pins from this bundle on (its active keys; absent from
   * servers before key rotation). An agent adopts this set only from a bundle that verifies
   * under a key it already pins, so keys it has not seen yet arrive signed by one it trusts.
   */
  trustedKeys?: BundleKeyV1[];
}

/** A bundle with its detached Ed25519 signature (base64) over `canonicalJson(bundle)`. */
export interface SignedBundleV1 {
  bundle: BundleV1;
  signature: string;
  /**
   * Signatures of the same bytes by the server's other keys (active ones, and retired ones for a
   * while), so an agent that pins only an older key can verify a bundle signed by a newer one.
   */
  endorsements?: BundleEndorsementV1[];
}

/** A signing key as a bundle lists it in `trustedKeys`. */
export interface BundleKeyV1 {
  keyId: string;
  /** SPKI PEM. */
  publicKeyPem: string;
}

/** A signature of the bundle by another key than `bundle.keyId`. */
export interface BundleEndorsementV1 {
  keyId: string;
  /** Ed25519 signature (base64) over the same canonical JSON as `signature`. */
  signature: string;
}

/** A public key the agent trusts, by key id. */
export interface PinnedKey {
  readonly keyId: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
}
