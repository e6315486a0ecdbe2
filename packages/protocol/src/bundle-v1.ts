/**
 * The signed policy bundle a device fetches (`GET /v1/devices/self/bundle`), enrollment and
 * device-request wire types. `@warden/core`'s bundle/bundle-types.ts is a structural copy (core
 * may not import protocol); bundle-types.test.ts fails when the two drift apart. Change both.
 * @module
 */
import type { CompiledHookPolicyV1 } from "./hook-policy-v1.ts";

/** The `schema` tag of version 1. */
export const BUNDLE_SCHEMA_V1 = "warden.bundle/v1";

/** What a device installs, signed by the server. Timestamps are ISO-8601 UTC. */
export interface BundleV1 {
  schema: typeof BUNDLE_SCHEMA_V1;
  deviceId: string;
  /** 1, 2, 3… per device; the agent refuses a lower one than it has installed (anti-rollback). */
  revision: number;
  issuedAt: string;
  /** The agent refuses the bundle after this instant. */
  expiresAt: string;
  /** The policy it was built from; null when the device's user resolves to no policy. */
  policy: { id: string; name: string; revision: number } | null;
  files: {
    requirementsToml: string;
    managedConfigToml: string | null;
    hookPolicy: CompiledHookPolicyV1 | null;
  };
  /** The id of the signing key whose signature is attached. */
  keyId: string;
}

/** A bundle with its detached Ed25519 signature (base64) over the canonical JSON of `bundle`. */
export interface SignedBundleV1 {
  bundle: BundleV1;
  signature: string;
}

/** A bundle signing key as the server publishes it (`GET /v1/signing-keys`). */
export interface SigningKeyV1 {
  keyId: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  createdAt: string;
}

/** `POST /v1/enrollment-tokens` body: whose devices the token enrols, and how long it lives. */
export interface EnrollmentTokenRequestV1 {
  /** A user id or name; null/absent enrols unassigned devices. */
  user?: string | null;
  /** Seconds until the token expires (default 86400, at most 30 days). */
  expiresInSeconds?: number;
}

/** `POST /v1/enrollment-tokens` answer; the token is shown only here (the store keeps its hash). */
export interface EnrollmentTokenResponseV1 {
  id: string;
  token: string;
  userId: string | null;
  expiresAt: string;
}

/** `POST /v1/devices/enroll` body, sent by `warden enroll`. */
export interface DeviceEnrollRequestV1 {
  token: string;
  /** The device's Ed25519 public key, SPKI PEM. */
  publicKeyPem: string;
  hostname: string;
  /** e.g. `linux-x64`. */
  platform: string;
  /** The OS login that enrolled. */
  osUser: string;
  agentVersion: string;
}

/** `POST /v1/devices/enroll` answer: the device id and the keys the agent pins. */
export interface DeviceEnrollResponseV1 {
  deviceId: string;
  userId: string | null;
  signingKeys: SigningKeyV1[];
}

/** The headers of a device-signed request (see core's device-request.ts for the signed text). */
export const DEVICE_AUTH_HEADERS = {
  /** The device's public key, SPKI PEM in base64; the server looks the device up by its sha256. */
  key: "x-warden-device-key",
  /** Milliseconds since the epoch; the server refuses a skew over 5 minutes. */
  timestamp: "x-warden-timestamp",
  /** Random, unique per request; the server refuses one it saw inside the window. */
  nonce: "x-warden-nonce",
  /** Ed25519 signature (base64) over the request text. */
  signature: "x-warden-signature",
} as const;
