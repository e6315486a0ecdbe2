import type { DeviceRepository, DeviceRow } from "@warden/core";

/** A device's check-in (`lastSeenAt`) is written at most once this often: a write per request would cap the hot paths. */
export const CHECK_IN_INTERVAL_MS = 60_000;

/**
 * Records that `device` called at `now` (its `lastSeenAt`), unless its last check-in is less than
 * {@link CHECK_IN_INTERVAL_MS} old. `device` is the row the request's authentication has just read,
 * so a device that keeps calling (bundle fetches, audit batches) costs one write a minute.
 */
export async function recordCheckIn(
  devices: Pick<DeviceRepository, "touchDevice">,
  device: DeviceRow,
  now: Date,
): Promise<void> {
  if (device.lastSeenAt !== null && now.getTime() - Date.parse(device.lastSeenAt) <= CHECK_IN_INTERVAL_MS) return;
  await devices.touchDevice(device.id, now.toISOString());
}
