import type { DeviceRow } from "@warden/core";
import type { ServerStore } from "../routes/route.ts";
import { BUNDLE_LIFETIME_MS, bundleEtag, resolveDevicePolicy } from "./build-device-bundle.ts";
import { loadSigningKeyring, type SigningKeyring } from "./signing-keyring.ts";

/**
 * How long a loaded keyring is reused while the store's generation is unchanged. The generation
 * covers every stored change; this bounds the one input that changes with time alone (a retired
 * key stops endorsing bundles some days after its retirement).
 */
export const KEYRING_TTL_MS = 10_000;

// Devices whose resolved policy is kept; past this the oldest entry makes room.
const DEVICE_ENTRIES = 100_000;

// The validity epoch `bundleEtag` hashes in (a bundle is re-issued every half lifetime); the
// memoized ETag is recomputed when it changes (test/server/bundle-cache.test.ts checks they agree).
const EPOCH_MS = BUNDLE_LIFETIME_MS / 2;

/** The policy a device resolves to (see `resolveDevicePolicy`). */
export type DevicePolicy = Awaited<ReturnType<typeof resolveDevicePolicy>>;

/** What a device's bundle (and its ETag) is built from at one instant. */
export interface DeviceBundleInputs {
  readonly policy: DevicePolicy;
  readonly keyring: SigningKeyring;
  readonly etag: string;
}

/**
 * The bundle route's cache of ETag inputs, so an unchanged bundle (304) costs two small reads
 * (the device row, read by device authentication, and the generation), or one when the device
 * was loaded with {@link DeviceBundleCache.loadDevice} (session-authenticated fetches).
 * Every entry is tagged with the store's inputs generation read *before* the entry was computed,
 * and is used only while the store still reports that generation: the store bumps it, in the same
 * commit, on every change to policies, the directory, group rules, the default policy or signing
 * keys, from whichever process makes it. The device row (user, revocation) is never cached.
 */
export interface DeviceBundleCache {
  /**
   * The device by id, read together with the inputs generation (one statement); {@link inputs}
   * of the returned row then uses that generation instead of reading it again.
   */
  loadDevice(store: ServerStore, deviceId: string): Promise<DeviceRow | null>;
  inputs(store: ServerStore, device: DeviceRow, now: Date): Promise<DeviceBundleInputs>;
}

interface DeviceEntry {
  readonly generation: number;
  readonly userId: string | null;
  readonly policy: DevicePolicy;
  /** The last ETag computed from this entry, with the keyring and epoch it was computed for. */
  etag?: { readonly keyring: SigningKeyring; readonly epoch: number; readonly value: string };
}

interface KeyringEntry {
  readonly generation: number;
  readonly loadedAt: number;
  readonly keyring: SigningKeyring;
}

/** A {@link DeviceBundleCache} for one app (one store). */
export function createDeviceBundleCache(): DeviceBundleCache {
  const devices = new Map<string, DeviceEntry>();
  let keys: KeyringEntry | null = null;
  // The generation read with each row `loadDevice` returned (that row object, for that request only).
  const readWith = new WeakMap<DeviceRow, number>();

  async function keyringAt(store: ServerStore, generation: number, now: Date): Promise<SigningKeyring> {
    const at = now.getTime();
    if (keys !== null && keys.generation === generation && at >= keys.loadedAt && at - keys.loadedAt < KEYRING_TTL_MS) {
      return keys.keyring;
    }
    const keyring = await loadSigningKeyring(store.signingKeys, now);
    keys = { generation, loadedAt: at, keyring };
    return keyring;
  }

  return {
    async loadDevice(store, deviceId) {
      const read = await store.devices.getDeviceWithBundleGeneration(deviceId);
      if (read === null) return null;
      readWith.set(read.device, read.bundleGeneration);
      return read.device;
    },

    async inputs(store, device, now) {
      const generation = readWith.get(device) ?? (await store.bundles.getInputsGeneration());
      const keyring = await keyringAt(store, generation, now);
      let entry = devices.get(device.id);
      if (entry === undefined || entry.generation !== generation || entry.userId !== device.userId) {
        entry = { generation, userId: device.userId, policy: await resolveDevicePolicy(store, device) };
        devices.delete(device.id);
        if (devices.size >= DEVICE_ENTRIES) devices.delete(devices.keys().next().value as string);
        devices.set(device.id, entry);
      }
      const epoch = Math.floor(now.getTime() / EPOCH_MS);
      if (entry.etag?.keyring !== keyring || entry.etag.epoch !== epoch) {
        entry.etag = { keyring, epoch, value: bundleEtag(device, entry.policy, keyring, now) };
      }
      return { policy: entry.policy, keyring, etag: entry.etag.value };
    },
  };
}
