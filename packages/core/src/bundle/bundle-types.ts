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
  keyId: string;
}

/** A bundle with its detached Ed25519 signature (base64) over `canonicalJson(bundle)`. */
export interface SignedBundleV1 {
  bundle: BundleV1;
  signature: string;
}

/** A public key the agent trusts, by key id. */
export interface PinnedKey {
  readonly keyId: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
}
