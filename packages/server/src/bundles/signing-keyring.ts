import { orderActiveSigningKeys, type SigningKeyRepository, type SigningKeyRow } from "@warden/core";
import type { ServerStore } from "../routes/route.ts";
import { createSigningKey } from "./ensure-signing-key.ts";

/**
 * How long a retired key keeps endorsing bundles: an agent that syncs within this time after a
 * retirement follows the rotation; one offline longer refuses the new key and must be re-enrolled.
 */
export const RETIRED_KEY_ENDORSEMENT_MS = 30 * 86_400_000;

/** A key whose private key is still stored: every active key, and retired ones until purged. */
export type PrivateSigningKey = SigningKeyRow & { readonly privateKeyPem: string };

const hasPrivateKey = (key: SigningKeyRow): key is PrivateSigningKey => key.privateKeyPem !== null;

/** Whether `key` was retired at least {@link RETIRED_KEY_ENDORSEMENT_MS} before `now`: it endorses nothing any more. */
function pastEndorsement(key: SigningKeyRow, now: Date): boolean {
  return key.retiredAt !== null && now.getTime() - Date.parse(key.retiredAt) >= RETIRED_KEY_ENDORSEMENT_MS;
}

/** The keys a bundle is signed with at one instant. */
export interface SigningKeyring {
  /** The key that signs (`bundle.keyId`). */
  readonly signer: PrivateSigningKey;
  /** The active keys, the signer first: the bundle's `trustedKeys`, what agents pin. */
  readonly trusted: readonly SigningKeyRow[];
  /**
   * The other active keys, then keys retired less than {@link RETIRED_KEY_ENDORSEMENT_MS} ago
   * whose private key is still stored (another server, its clock ahead, may have purged it).
   */
  readonly endorsers: readonly PrivateSigningKey[];
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
  // Only retired keys are ever purged.
  if (!hasPrivateKey(signer)) throw new Error(`signing key ${signer.id} is active but has no private key`);
  const recentlyRetired = all.filter(
    (key): key is PrivateSigningKey => key.retiredAt !== null && !pastEndorsement(key, now) && hasPrivateKey(key),
  );
  const endorsers = [...others.filter(hasPrivateKey), ...recentlyRetired];
  const fingerprint = `${signer.id};${others.map((k) => k.id).join(",")};${recentlyRetired.map((k) => k.id).join(",")}`;
  return { signer, trusted, endorsers, fingerprint };
}

/**
 * Deletes the private keys of the keys retired at least {@link RETIRED_KEY_ENDORSEMENT_MS} before
 * `now`: past that window a key endorses no bundle, so nothing needs its private key any more, and
 * one kept forever is one more secret to leak. The public key stays (bundles it signed still
 * verify). Each purge is logged as `signing_key.purge_private_key` by `system`. Run on server start
 * and whenever keys are listed or rotated; cheap (one small read) when there is nothing to purge.
 * Returns the ids purged now.
 */
export async function purgeRetiredPrivateKeys(
  store: Pick<ServerStore, "signingKeys" | "transaction">,
  now: Date,
): Promise<string[]> {
  const keys = await store.signingKeys.listSigningKeys();
  if (!keys.some((key) => hasPrivateKey(key) && pastEndorsement(key, now))) return [];
  const retiredBy = new Date(now.getTime() - RETIRED_KEY_ENDORSEMENT_MS).toISOString();
  return store.transaction(async (tx) => {
    const purged = await tx.signingKeys.purgeRetiredPrivateKeys(retiredBy);
    for (const id of purged) {
      await tx.activity.appendActivity({
        actor: { kind: "system", id: null },
        action: "signing_key.purge_private_key",
        targetType: "signing_key",
        targetId: id,
        beforeRevision: null,
        afterRevision: null,
        details: { retiredBy },
      });
    }
    return purged;
  });
}
