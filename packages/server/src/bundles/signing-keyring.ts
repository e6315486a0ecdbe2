import { orderActiveSigningKeys, type SigningKeyRepository, type SigningKeyRow } from "@warden/core";
import { createSigningKey } from "./ensure-signing-key.ts";

/**
 * How long a retired key keeps endorsing bundles: an agent that syncs within this time after a
 * retirement follows the rotation; one offline longer refuses the new key and must be re-enrolled.
 */
export const RETIRED_KEY_ENDORSEMENT_MS = 30 * 86_400_000;

/** The keys a bundle is signed with at one instant. */
export interface SigningKeyring {
  /** The key that signs (`bundle.keyId`). */
  readonly signer: SigningKeyRow;
  /** The active keys, the signer first: the bundle's `trustedKeys`, what agents pin. */
  readonly trusted: readonly SigningKeyRow[];
  /** The other active keys, then keys retired less than {@link RETIRED_KEY_ENDORSEMENT_MS} ago. */
  readonly endorsers: readonly SigningKeyRow[];
  /** The key ids of all three, for the bundle's ETag: a rotation step makes a new bundle. */
  readonly fingerprint: string;
}

/** The keyring at `now`; creates a signing key when no key is active (first start). */
export async function loadSigningKeyring(keys: SigningKeyRepository, now: Date): Promise<SigningKeyring> {
  let all = await keys.listSigningKeys();
  let trusted = orderActiveSigningKeys(all);
  if (trusted.length === 0) {
    await createSigningKey(keys, { signing: true });
    all = await keys.listSigningKeys();
    trusted = orderActiveSigningKeys(all);
  }
  const [signer, ...others] = trusted as [SigningKeyRow, ...SigningKeyRow[]];
  const recentlyRetired = all.filter(
    (key) => key.retiredAt !== null && now.getTime() - Date.parse(key.retiredAt) < RETIRED_KEY_ENDORSEMENT_MS,
  );
  const endorsers = [...others, ...recentlyRetired];
  const fingerprint = `${signer.id};${others.map((k) => k.id).join(",")};${recentlyRetired.map((k) => k.id).join(",")}`;
  return { signer, trusted, endorsers, fingerprint };
}
