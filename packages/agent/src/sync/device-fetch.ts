import { randomBytes } from "node:crypto";
import { macDeviceRequest, signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS, DEVICE_SESSION_AUTH, type DeviceSessionV1 } from "@warden/protocol";
import { SyncError } from "./sync-error.ts";

/** `fetch`, with the network failure (server down, DNS, refused) as `server_unreachable`. */
export async function fetchServer(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new SyncError("server_unreachable", `cannot reach the server at ${new URL(url).origin} (${why})`);
  }
}

/** The device key pair as `warden enroll` stored it. */
export interface DeviceKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** A fresh timestamp and nonce: what makes each signed or MAC'd request unique. */
function freshParts(method: string, path: string, body: string) {
  return { method, path, timestamp: String(Date.now()), nonce: randomBytes(16).toString("base64url"), body };
}

/**
 * The headers that sign one request with the device key (method, path with query, a fresh
 * timestamp and nonce, the body's sha256): sign every attempt anew, the server refuses a nonce twice.
 */
export function deviceAuthHeaders(method: string, path: string, body: string, key: DeviceKey): Record<string, string> {
  const parts = freshParts(method, path, body);
  return {
    [DEVICE_AUTH_HEADERS.key]: Buffer.from(key.publicKeyPem, "utf8").toString("base64"),
    [DEVICE_AUTH_HEADERS.timestamp]: parts.timestamp,
    [DEVICE_AUTH_HEADERS.nonce]: parts.nonce,
    [DEVICE_AUTH_HEADERS.signature]: signDeviceRequest(parts, key.privateKeyPem),
  };
}

/**
 * The headers that authenticate one GET with a device session: the token, a fresh timestamp and
 * nonce, and the HMAC of the same request text a signature covers, under the session key.
 */
export function sessionAuthHeaders(
  path: string,
  session: Pick<DeviceSessionV1, "token" | "key">,
): Record<string, string> {
  const parts = freshParts("GET", path, "");
  return {
    authorization: `${DEVICE_SESSION_AUTH.scheme} ${session.token}`,
    [DEVICE_AUTH_HEADERS.timestamp]: parts.timestamp,
    [DEVICE_AUTH_HEADERS.nonce]: parts.nonce,
    [DEVICE_SESSION_AUTH.mac]: macDeviceRequest(parts, Buffer.from(session.key, "base64url")),
  };
}

/** A GET signed with the device key (method, path, timestamp, nonce, empty body). */
export function fetchAsDevice(
  serverUrl: string,
  path: string,
  key: DeviceKey,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetchServer(new URL(path, serverUrl).toString(), {
    method: "GET",
    headers: { ...headers, ...deviceAuthHeaders("GET", path, "", key) },
  });
}

/** The `message` of an error body, or the status text. */
export async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    return `${response.status} ${body.code ?? ""}: ${body.message ?? text}`.trim();
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}
