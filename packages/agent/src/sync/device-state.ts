import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PinnedKey } from "@warden/core";
import { SyncError } from "./sync-error.ts";

/** Writes a file atomically with a mode (the CLI injects its write-file-atomic). */
export type WriteFileAtomic = (path: string, text: string, mode?: number) => void;

/** The files of the agent's state directory (default `/var/lib/warden`). */
export function stateFiles(stateDir: string) {
  return {
    privateKey: join(stateDir, "device-key.pem"),
    device: join(stateDir, "device.json"),
    pinnedKeys: join(stateDir, "pinned-keys.json"),
    installed: join(stateDir, "installed.json"),
    /** The device session `warden sync` reuses between runs (mode 0600: it holds the session key). */
    session: join(stateDir, "session.json"),
  };
}

/** Who this device is and where its server is, as `warden enroll` recorded it. */
export interface DeviceIdentity {
  readonly deviceId: string;
  readonly serverUrl: string;
  readonly userId: string | null;
  readonly publicKeyPem: string;
}

/** What `warden sync` last installed. */
export interface InstalledBundle {
  readonly revision: number;
  readonly etag: string | null;
  readonly policy: { id: string; name: string; revision: number } | null;
  readonly expiresAt: string;
  readonly installedAt: string;
}

/** An enrolled device's state: identity, private key and pinned signing keys; `not_enrolled` when missing. */
export function readDeviceState(stateDir: string): {
  identity: DeviceIdentity;
  privateKeyPem: string;
  pinnedKeys: PinnedKey[];
} {
  const files = stateFiles(stateDir);
  try {
    return {
      identity: JSON.parse(readFileSync(files.device, "utf8")) as DeviceIdentity,
      privateKeyPem: readFileSync(files.privateKey, "utf8"),
      pinnedKeys: JSON.parse(readFileSync(files.pinnedKeys, "utf8")) as PinnedKey[],
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SyncError(
      "not_enrolled",
      code === "ENOENT"
        ? `this device is not enrolled (no state in ${stateDir}); run \`warden enroll --server URL --token T\``
        : `the device state in ${stateDir} cannot be read: ${(error as Error).message}`,
    );
  }
}

/** The installed bundle's record, or null before the first install. */
export function readInstalled(stateDir: string): InstalledBundle | null {
  try {
    return JSON.parse(readFileSync(stateFiles(stateDir).installed, "utf8")) as InstalledBundle;
  } catch {
    return null;
  }
}
