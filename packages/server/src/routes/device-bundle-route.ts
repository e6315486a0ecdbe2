import { buildDeviceBundle } from "../bundles/build-device-bundle.ts";
import { recordCheckIn } from "./device-check-in.ts";
import { defineRoute, deviceOf, type RouteOutput } from "./route.ts";

/** Whether `If-None-Match` names `etag` (a list, weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === `"${etag}"`;
  });
}

/** `GET /v1/devices/self/bundle`: the calling device's signed bundle; 304 when `If-None-Match` has its ETag. */
export const DEVICE_BUNDLE_ROUTE = defineRoute({
  method: "GET",
  path: "/v1/devices/self/bundle",
  summary:
    "The calling device's signed policy bundle (device-signed request, or a device session from POST /v1/devices/self/session); ETag and If-None-Match → 304 when unchanged",
  tag: "devices",
  permission: null,
  auth: "device-or-session",
  errors: ["conflict"],
  success: { status: 200, description: "{bundle, signature}: a signed warden.bundle/v1" },
  async handle(input): Promise<RouteOutput> {
    const { services } = input;
    const { store } = services;
    const device = deviceOf(input);
    const now = services.now();
    await recordCheckIn(store.devices, device, now);
    const { policy, keyring, etag } = await services.bundleCache.inputs(store, device, now);
    const headers = { etag: `"${etag}"`, "cache-control": "no-cache" };
    if (matches(input.header?.("if-none-match"), etag)) return { status: 304, body: null, headers };
    const current = await store.bundles.getCurrentBundle(device.id);
    if (current?.etag === etag) return { status: 200, body: JSON.parse(current.body), headers };
    const body = await buildDeviceBundle(store, device, policy, keyring, (current?.revision ?? 0) + 1, now);
    const { bundle } = await store.bundles.putBundle({
      deviceId: device.id,
      etag,
      body,
      signingKeyId: keyring.signer.id,
      policyId: policy?.id ?? null,
      policyRevision: policy?.revision ?? null,
    });
    return { status: 200, body: JSON.parse(bundle.body), headers: { ...headers, etag: `"${bundle.etag}"` } };
  },
});
