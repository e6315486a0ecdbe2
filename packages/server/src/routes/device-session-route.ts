import { DEVICE_SESSION_PATH } from "../auth/device-session.ts";
import { defineRoute, deviceOf, type RouteOutput } from "./route.ts";

/**
 * `POST /v1/devices/self/session`: a device-signed request (Ed25519, nonce claimed, as every
 * state-changing device request) answers a 10-minute session the device then authenticates
 * `GET /v1/devices/self/bundle` with by an HMAC per request.
 */
export const DEVICE_SESSION_ROUTE = defineRoute({
  method: "POST",
  path: DEVICE_SESSION_PATH,
  summary:
    "A short-lived session for the calling device (device-signed request): {token, key, expiresAt}; the device then authenticates GET /v1/devices/self/bundle with `Authorization: WardenSession <token>` and an HMAC of each request",
  tag: "devices",
  permission: null,
  auth: "device",
  success: { status: 200, description: "{token, key, expiresAt}: a warden device session (the key is secret)" },
  async handle(input): Promise<RouteOutput> {
    const { services } = input;
    const session = await services.deviceSessions.issue(deviceOf(input).id, services.now());
    return { status: 200, body: session, headers: { "cache-control": "no-store" } };
  },
});
