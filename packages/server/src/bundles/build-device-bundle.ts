import { createHash } from "node:crypto";
import {
  BUNDLE_SCHEMA_V1,
  type BundleV1,
  canonicalJson,
  compileHookPolicy,
  type DeviceRow,
  resolvePolicyForUser,
  signBundle,
} from "@warden/core";
import { HttpError } from "../http-error.ts";
import type { ServerStore } from "../routes/route.ts";
import type { SigningKeyring } from "./signing-keyring.ts";

/** How long a bundle is valid; it is re-issued (a new revision) every half of this. */
export const BUNDLE_LIFETIME_MS = 7 * 86_400_000;
const EPOCH_MS = BUNDLE_LIFETIME_MS / 2;

/** The policy revision a device's user resolves to (first matching group rule, else the default), or null. */
export async function resolveDevicePolicy(store: ServerStore, device: DeviceRow) {
  // A deactivated user counts as in no group: their devices get the default policy.
  const groupIds = device.userId === null ? [] : await store.directory.listPolicyGroupIdsOfUser(device.userId);
  const rules = (await store.directory.listGroupRules()).map((rule) => ({
    groupId: rule.groupId,
    policy: rule.policyId,
  }));
  const { policy: policyId } = resolvePolicyForUser(groupIds, rules, await store.directory.getDefaultPolicy());
  if (policyId === null) return null;
  const policy = await store.policies.getPolicy(policyId);
  return policy === null ? null : { id: policy.id, name: policy.name, revision: policy.currentRevision };
}

/**
 * The bundle's ETag: a hash of everything its content is built from (policy revisions are
 * immutable), the signing keys (signer, trusted and endorsing) and the validity epoch, so an
 * unchanged bundle is answered without compiling or signing anything, a rotation step reaches
 * agents as a new revision, and a bundle is re-issued before it expires.
 */
export function bundleEtag(
  device: DeviceRow,
  policy: { id: string; revision: number } | null,
  keyring: SigningKeyring,
  now: Date,
): string {
  const epoch = Math.floor(now.getTime() / EPOCH_MS);
  const inputs = { schema: BUNDLE_SCHEMA_V1, deviceId: device.id, policy, keys: keyring.fingerprint, epoch };
  return createHash("sha256").update(canonicalJson(inputs)).digest("base64url");
}

/**
 * Builds revision `revision` of the device's bundle from the policy's current revision, announcing
 * the keyring's trusted keys, signed by its signer and endorsed by its other keys.
 */
export async function buildDeviceBundle(
  store: ServerStore,
  device: DeviceRow,
  policy: { id: string; name: string; revision: number } | null,
  keyring: SigningKeyring,
  revision: number,
  now: Date,
): Promise<string> {
  let files: BundleV1["files"] = { requirementsToml: "", managedConfigToml: null, hookPolicy: null };
  if (policy !== null) {
    const content = await store.policies.getRevision(policy.id, policy.revision);
    if (content === null) throw new Error(`policy ${policy.id} revision ${policy.revision} is missing`);
    let hookPolicy = null;
    if (content.hookPolicyToml !== null) {
      hookPolicy = compileHookPolicy(content.hookPolicyToml, { file: "hook-policy.toml", now }).value;
      // Never ship a policy without the hook rules it was saved with (e.g. they expired since).
      if (hookPolicy === null) {
        throw new HttpError(
          "conflict",
          `policy ${policy.name} revision ${policy.revision}: its hook policy no longer compiles`,
        );
      }
    }
    files = { requirementsToml: content.requirementsToml, managedConfigToml: content.managedConfigToml, hookPolicy };
  }
  const epoch = Math.floor(now.getTime() / EPOCH_MS);
  const bundle: BundleV1 = {
    schema: BUNDLE_SCHEMA_V1,
    deviceId: device.id,
    revision,
    issuedAt: now.toISOString(),
    expiresAt: new Date((epoch + 2) * EPOCH_MS).toISOString(),
    policy,
    files,
    keyId: keyring.signer.id,
    trustedKeys: keyring.trusted.map((key) => ({ keyId: key.id, publicKeyPem: key.publicKeyPem })),
  };
  const endorsers = keyring.endorsers.map((key) => ({ keyId: key.id, privateKeyPem: key.privateKeyPem }));
  return JSON.stringify(signBundle(bundle, keyring.signer.privateKeyPem, endorsers));
}
