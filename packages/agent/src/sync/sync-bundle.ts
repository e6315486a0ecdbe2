import { rmSync } from "node:fs";
import { join } from "node:path";
import { type BundleV1, checkBundleInstall, type PinUpdate } from "@warden/core";
import { errorMessage } from "./device-fetch.ts";
import { fetchWithSession } from "./device-session.ts";
import {
  type InstalledBundle,
  readDeviceState,
  readInstalled,
  stateFiles,
  type WriteFileAtomic,
} from "./device-state.ts";
import { SyncError } from "./sync-error.ts";

/** The bundle path on the server. */
export const BUNDLE_PATH = "/v1/devices/self/bundle";

/** Where a bundle's files land under the etc directory (`/etc/codex`). */
export function bundleFiles(etcDir: string) {
  return {
    requirements: join(etcDir, "requirements.toml"),
    managedConfig: join(etcDir, "managed_config.toml"),
    hookPolicy: join(etcDir, "warden", "hook-policy.json"),
  };
}

/** What `warden sync` needs. */
export interface SyncBundleInput {
  readonly stateDir: string;
  readonly etcDir: string;
  readonly now: () => Date;
  readonly writeFile: WriteFileAtomic;
}

/** What a sync did. */
export type SyncOutcome =
  | {
      readonly status: "installed";
      readonly revision: number;
      readonly previousRevision: number | null;
      readonly bundle: BundleV1;
      /** The signing keys pinned after this install (changed when the server rotated its keys). */
      readonly pins: PinUpdate;
    }
  | { readonly status: "unchanged"; readonly revision: number };

/** Writes every file of the bundle (each atomically), removing the ones the bundle no longer has. */
function installFiles(etcDir: string, bundle: BundleV1, writeFile: WriteFileAtomic): void {
  const paths = bundleFiles(etcDir);
  const { requirementsToml, managedConfigToml, hookPolicy } = bundle.files;
  // The hook policy first: a requirements.toml naming the managed hook must find its policy.
  if (hookPolicy === null) rmSync(paths.hookPolicy, { force: true });
  else writeFile(paths.hookPolicy, `${JSON.stringify(hookPolicy, null, 2)}\n`, 0o644);
  if (managedConfigToml === null) rmSync(paths.managedConfig, { force: true });
  else writeFile(paths.managedConfig, managedConfigToml, 0o644);
  writeFile(paths.requirements, requirementsToml, 0o644);
}

/**
 * Fetches the device's bundle (conditionally, with the installed ETag; authenticated by a device
 * session, see device-session.ts), verifies it against the pinned keys and the installed revision,
 * and installs it into `etcDir`; when the bundle announces another key set (a rotation), replaces
 * the pins (`pinned-keys.json`, atomically) with it. Throws {@link SyncError}
 * with nothing changed when the device is not enrolled, the server is unreachable or errs, or the
 * bundle is refused (bad signature, unknown key, rollback, expired, another device's).
 */
export async function syncBundle(input: SyncBundleInput): Promise<SyncOutcome> {
  const { identity, privateKeyPem, pinnedKeys } = readDeviceState(input.stateDir);
  const installed = readInstalled(input.stateDir);
  const headers: Record<string, string> = installed?.etag ? { "if-none-match": installed.etag } : {};
  const key = { privateKeyPem, publicKeyPem: identity.publicKeyPem };
  const device = { stateDir: input.stateDir, identity, key, writeFile: input.writeFile, now: input.now };
  const response = await fetchWithSession(device, BUNDLE_PATH, headers);
  if (response.status === 304 && installed !== null) return { status: "unchanged", revision: installed.revision };
  if (response.status >= 500) throw new SyncError("server_error", `the server failed: ${await errorMessage(response)}`);
  if (response.status !== 200)
    throw new SyncError("refused", `the server refused the sync: ${await errorMessage(response)}`);
  let signed: unknown;
  try {
    signed = await response.json();
  } catch {
    throw new SyncError("refused", "bundle refused (malformed): the server's answer is not JSON");
  }
  const now = input.now();
  const verdict = checkBundleInstall(installed?.revision ?? null, signed, pinnedKeys, now, identity.deviceId);
  if (!verdict.ok) throw new SyncError("refused", `bundle refused (${verdict.code}): ${verdict.message}`);
  const { bundle, pins } = verdict;
  installFiles(input.etcDir, bundle, input.writeFile);
  // After the files, before installed.json: a crash in between re-fetches this bundle, which still
  // verifies under either pin set (it is signed by the new keys and endorsed by the old ones).
  if (pins.added.length > 0 || pins.removed.length > 0) {
    input.writeFile(stateFiles(input.stateDir).pinnedKeys, `${JSON.stringify(pins.keys, null, 2)}\n`, 0o644);
  }
  const record: InstalledBundle = {
    revision: bundle.revision,
    etag: response.headers.get("etag"),
    policy: bundle.policy,
    expiresAt: bundle.expiresAt,
    installedAt: now.toISOString(),
  };
  input.writeFile(stateFiles(input.stateDir).installed, `${JSON.stringify(record, null, 2)}\n`, 0o644);
  return {
    status: "installed",
    revision: bundle.revision,
    previousRevision: installed?.revision ?? null,
    bundle,
    pins,
  };
}
