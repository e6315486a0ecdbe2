import { generateKeyPairSync, randomBytes } from "node:crypto";
import { macDeviceRequest, signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS, DEVICE_SESSION_AUTH, type DeviceSessionV1 } from "@warden/protocol";
import { expect } from "vitest";
import { NOW, type ServerHarness } from "./server-harness.ts";

/** A device's Ed25519 key pair (PEM). */
export interface DeviceKey {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

/** A fresh device key pair. */
export function deviceKey(): DeviceKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** The headers of a request signed by `key` (as `warden sync` / `warden ship` sign them). */
export function deviceHeaders(
  key: DeviceKey,
  request: { method: string; path: string; body?: string; at?: number; nonce?: string; presentedKey?: DeviceKey },
): Record<string, string> {
  const timestamp = String(request.at ?? NOW.getTime());
  const nonce = request.nonce ?? randomBytes(12).toString("base64url");
  const parts = { method: request.method, path: request.path, timestamp, nonce, body: request.body ?? "" };
  return {
    [DEVICE_AUTH_HEADERS.key]: Buffer.from((request.presentedKey ?? key).publicKeyPem).toString("base64"),
    [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
    [DEVICE_AUTH_HEADERS.nonce]: nonce,
    [DEVICE_AUTH_HEADERS.signature]: signDeviceRequest(parts, key.privateKeyPem),
  };
}

/** Enrols a new device (for `user`, or unassigned) through the API; returns its id, key and pinned keys. */
export async function enrolDevice(h: ServerHarness, user: string | null = null) {
  const issued = await h.call("POST", "/v1/enrollment-tokens", { token: h.tokens.admin, body: { user } });
  expect(issued.status, JSON.stringify(issued.json)).toBe(201);
  const key = deviceKey();
  const enrolled = await h.call("POST", "/v1/devices/enroll", {
    token: null,
    body: {
      token: issued.json.token,
      publicKeyPem: key.publicKeyPem,
      hostname: "laptop",
      platform: "linux-x64",
      osUser: "nobody",
      agentVersion: "0.1.0",
    },
  });
  expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(201);
  return {
    deviceId: enrolled.json.deviceId as string,
    key,
    pinned: (enrolled.json.signingKeys as { keyId: string; publicKeyPem: string }[]).map(({ keyId, publicKeyPem }) => ({
      keyId,
      publicKeyPem,
    })),
  };
}

/** The session route. */
export const SESSION_PATH = "/v1/devices/self/session";

/** Opens a device session with a device-signed `POST /v1/devices/self/session` (expects 200). */
export async function openSession(h: Pick<ServerHarness, "call">, key: DeviceKey): Promise<DeviceSessionV1> {
  const opened = await h.call("POST", SESSION_PATH, {
    token: null,
    headers: deviceHeaders(key, { method: "POST", path: SESSION_PATH }),
  });
  expect(opened.status, JSON.stringify(opened.json)).toBe(200);
  return opened.json as DeviceSessionV1;
}

/**
 * The headers of a session-authenticated request (as `warden sync` sends them); `token` and
 * `macKey` override what is presented and what the MAC is made with (a tampered request).
 */
export function sessionHeaders(
  session: Pick<DeviceSessionV1, "token" | "key">,
  request: { method?: string; path: string; at?: number; nonce?: string; token?: string; macKey?: string },
): Record<string, string> {
  const timestamp = String(request.at ?? NOW.getTime());
  const nonce = request.nonce ?? randomBytes(12).toString("base64url");
  const parts = { method: request.method ?? "GET", path: request.path, timestamp, nonce, body: "" };
  return {
    authorization: `${DEVICE_SESSION_AUTH.scheme} ${request.token ?? session.token}`,
    [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
    [DEVICE_AUTH_HEADERS.nonce]: nonce,
    [DEVICE_SESSION_AUTH.mac]: macDeviceRequest(parts, Buffer.from(request.macKey ?? session.key, "base64url")),
  };
}
