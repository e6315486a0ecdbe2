/** An Ed25519 key pair that signs bundles; several may be active during a rotation. */
export interface SigningKeyRow {
  /** The key id (`kid`) written into bundles. */
  readonly id: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
  /**
   * PKCS#8 PEM, possibly encrypted by the server before it is stored; null once purged (a retired
   * key past its endorsement window never signs again, see {@link SigningKeyRepository.purgeRetiredPrivateKeys}).
   */
  readonly privateKeyPem: string | null;
  readonly createdAt: string;
  /** When the key was made the one that signs bundles (last time), or null if it never was. */
  readonly signingSince: string | null;
  /** Null while the key is active (agents trust it; one active key signs, see {@link orderActiveSigningKeys}). */
  readonly retiredAt: string | null;
}

/** Bundle signing keys and their rotation. */
export interface SigningKeyRepository {
  /** Adds an active key; `signing: true` also makes it the key that signs (as {@link promoteSigningKey}). */
  addSigningKey(input: {
    id: string;
    publicKeyPem: string;
    privateKeyPem: string;
    signing?: boolean;
  }): Promise<SigningKeyRow>;
  getSigningKey(id: string): Promise<SigningKeyRow | null>;
  /** Active keys in {@link orderActiveSigningKeys} order: the first one is the one that signs. */
  listActiveSigningKeys(): Promise<SigningKeyRow[]>;
  /** Every key, newest first. */
  listSigningKeys(): Promise<SigningKeyRow[]>;
  /**
   * Makes an active key the one that signs: `signingSince = at`, or just after the latest
   * `signingSince` of any key when that is later (clocks differ), so the key promoted last signs.
   * False when not found or retired.
   */
  promoteSigningKey(id: string, at: string): Promise<boolean>;
  /** Retires a key (once); false when not found or already retired. */
  retireSigningKey(id: string, retiredAt: string): Promise<boolean>;
  /**
   * Deletes the private key of every key retired at or before `retiredBy` (the public key stays,
   * for verifying what it signed); returns the ids purged now, each once.
   */
  purgeRetiredPrivateKeys(retiredBy: string): Promise<string[]>;
}

/**
 * The active keys of `keys` (any order), the signer first: the key most recently promoted
 * (latest `signingSince`), then the other active keys newest first. When no active key was ever
 * promoted (a database from before rotation), the newest signs, as it always did.
 */
export function orderActiveSigningKeys(keys: readonly SigningKeyRow[]): SigningKeyRow[] {
  const newestFirst = (a: SigningKeyRow, b: SigningKeyRow) =>
    b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
  const active = keys.filter((key) => key.retiredAt === null).sort(newestFirst);
  const promoted = active.filter((key) => key.signingSince !== null);
  if (promoted.length === 0) return active;
  const signer = promoted.reduce((best, key) => (key.signingSince! > best.signingSince! ? key : best));
  return [signer, ...active.filter((key) => key !== signer)];
}
