/** An Ed25519 key pair that signs bundles; several may be active during a rotation. */
export interface SigningKeyRow {
  /** The key id (`kid`) written into bundles. */
  readonly id: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
  /** PKCS#8 PEM, possibly encrypted by the server before it is stored. */
  readonly privateKeyPem: string;
  readonly createdAt: string;
  /** Null while the key is active (agents trust it; the newest active key signs). */
  readonly retiredAt: string | null;
}

/** Bundle signing keys and their rotation. */
export interface SigningKeyRepository {
  addSigningKey(input: { id: string; publicKeyPem: string; privateKeyPem: string }): Promise<SigningKeyRow>;
  getSigningKey(id: string): Promise<SigningKeyRow | null>;
  /** Active keys, newest first; the first one is the one that signs. */
  listActiveSigningKeys(): Promise<SigningKeyRow[]>;
  /** Every key, newest first. */
  listSigningKeys(): Promise<SigningKeyRow[]>;
  /** Retires a key (once); false when not found or already retired. */
  retireSigningKey(id: string, retiredAt: string): Promise<boolean>;
}
