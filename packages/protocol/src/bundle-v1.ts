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
  /**
   * The server's signing keys the agent pins from this bundle on (its active keys; absent from
   * servers before key rotation). An agent adopts this set only from a bundle that verifies
   * under a key it already pins, so keys it has not seen yet arrive signed by one it trusts.
   */
  trustedKeys?: BundleKeyV1[];
}

/** A bundle with its detached Ed25519 signature (base64) over the canonical JSON of `bundle`. */
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

/** A bundle signing key as the server publishes it (`GET /v1/signing-keys`). */
export interface SigningKeyV1 {
  keyId: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  createdAt: string;
  /** True for the one active key that signs bundles; the others are trusted (and endorse). */
  signing: boolean;
  /** When it was retired (listed only with `?retired=true`); null while active. */
  retiredAt: string | null;
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

/**
 * `POST /v1/devices/self/session` answer (a device-signed request): a short-lived session the
 * device authenticates `GET /v1/devices/self/bundle` with, by an HMAC instead of an Ed25519
 * signature per request. Any server process sharing the database accepts it (nothing is stored).
 */
export interface DeviceSessionV1 {
  /** `ws1.<deviceId>.<expiresAt, epoch seconds>.<random>`; sent as `Authorization: WardenSession <token>`. */
  token: string;
  /** The session key, base64url of 32 bytes (HMAC-SHA256 of the token under the server's secret); keep it secret. */
  key: string;
  /** ISO-8601; the server refuses the token from then on (10 minutes after issue). */
  expiresAt: string;
}

/**
 * How a session-authenticated request (`GET /v1/devices/self/bundle` only) is sent: the
 * `Authorization` scheme, the {@link DEVICE_AUTH_HEADERS} timestamp and nonce, and the MAC header.
 */
export const DEVICE_SESSION_AUTH = {
  /** `Authorization: WardenSession <token>`. */
  scheme: "WardenSession",
  /** HMAC-SHA256 (base64url) with the session key over the request text (core's device-request.ts). */
  mac: "x-warden-session-mac",
} as const;
