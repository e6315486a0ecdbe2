/** An enrolled endpoint running the Warden agent. */
export interface DeviceRow {
  readonly id: string;
  readonly hostname: string;
  /** The user the device belongs to (decides its policy), or null when unassigned. */
  readonly userId: string | null;
  /** Hash of the device's bearer credential; unique. */
  readonly credentialHash: string;
  /** Agent-reported platform, e.g. `linux-x64`. */
  readonly platform: string;
  readonly agentVersion: string;
  readonly enrolledAt: string;
  readonly lastSeenAt: string | null;
  readonly revokedAt: string | null;
}

/** A one-time, expiring enrollment token; only its hash is stored. */
export interface EnrollmentTokenRow {
  readonly id: string;
  readonly tokenHash: string;
  /** The user devices enrolled with this token are assigned to, or null. */
  readonly userId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
  readonly usedByDeviceId: string | null;
}

/** What enrolling a device needs besides the token. */
export interface NewDevice {
  readonly hostname: string;
  readonly credentialHash: string;
  readonly platform: string;
  readonly agentVersion: string;
}

/** Why a token was refused; the server shows one message for all three. */
export type EnrollmentRefusal = "unknown" | "used" | "expired";

/**
 * Devices, enrollment tokens, which device each shipped audit chain belongs to, and what device
 * authentication shares between server processes (the session secret, claimed request nonces).
 */
export interface DeviceRepository {
  createEnrollmentToken(input: {
    tokenHash: string;
    expiresAt: string;
    userId?: string | null;
    createdBy?: string | null;
  }): Promise<EnrollmentTokenRow>;
  listEnrollmentTokens(): Promise<EnrollmentTokenRow[]>;
  /**
   * Atomically marks the token used and creates the device. Of two concurrent redeems of one
   * token exactly one succeeds; a used or expired (`expiresAt <= now`) token is refused.
   */
  redeemEnrollmentToken(
    tokenHash: string,
    device: NewDevice,
    now: string,
  ): Promise<{ ok: true; device: DeviceRow } | { ok: false; reason: EnrollmentRefusal }>;

  /** By id (a primary-key read, as cheap as {@link findDeviceByCredentialHash}: session requests look devices up by it). */
  getDevice(id: string): Promise<DeviceRow | null>;
  findDeviceByCredentialHash(credentialHash: string): Promise<DeviceRow | null>;
  /**
   * The device by id together with the bundle inputs generation (see `BundleRepository`), read in
   * one statement: the unchanged-bundle path (a 304) needs both on every fetch.
   */
  getDeviceWithBundleGeneration(id: string): Promise<{ device: DeviceRow; bundleGeneration: number } | null>;
  /** Devices ordered by hostname, then id. */
  listDevices(filter?: { userId?: string }): Promise<DeviceRow[]>;
  /** Records a check-in (and optionally the agent version); no-op for unknown ids. */
  touchDevice(id: string, seenAt: string, agentVersion?: string): Promise<void>;
  assignDeviceUser(id: string, userId: string | null): Promise<boolean>;
  revokeDevice(id: string, revokedAt: string): Promise<boolean>;

  /** The enrolled device an audit chain (a spool's `deviceId`) is bound to, or null while unbound. */
  getAuditChainDevice(chainId: string): Promise<string | null>;
  /**
   * Binds an unbound audit chain to an enrolled device; a chain stays bound to the first device
   * (of concurrent binds exactly one wins). Returns the device the chain is bound to afterwards.
   */
  bindAuditChain(chainId: string, deviceId: string, boundAt: string): Promise<string>;

  /**
   * The installation's device-session secret: the stored one, or `candidate` (stored now) when
   * there is none yet. Of concurrent first calls one candidate wins and every call returns it.
   */
  ensureSessionSecret(candidate: string, now: string): Promise<string>;
  /**
   * Claims a device-signed request's nonce until `expiresAt`: true the first time, false while a
   * claim of the same (device, nonce) has not expired at `now` (a replay), whichever server
   * process made it. An expired claim is taken over.
   */
  claimRequestNonce(deviceId: string, nonce: string, now: string, expiresAt: string): Promise<boolean>;
  /** Deletes the nonce claims expired at `now`; returns how many. */
  deleteExpiredRequestNonces(now: string): Promise<number>;
}
