import { readFileSync, rmSync, statSync } from "node:fs";
import { parseDeviceSessionToken } from "@warden/core";
import type { DeviceSessionV1 } from "@warden/protocol";
import { type DeviceKey, deviceAuthHeaders, fetchAsDevice, fetchServer, sessionAuthHeaders } from "./device-fetch.ts";
import { type DeviceIdentity, stateFiles, type WriteFileAtomic } from "./device-state.ts";

/** The route that issues device sessions (device-signed POST). */
export const SESSION_PATH = "/v1/devices/self/session";

/** A kept session is renewed when it expires within this, so a fetch never races its expiry. */
export const SESSION_RENEW_BEFORE_MS = 60_000;

// After a server answered the session route with 404 (a server from before sessions), requests to
// it are signed one by one, and the session route is asked again only after this long.
const UNSUPPORTED_RECHECK_MS = 60 * 60_000;

/** A session as the agent keeps it: the server's answer, and the server and device it was issued for. */
export interface KeptSession extends DeviceSessionV1 {
  readonly serverUrl: string;
  readonly deviceId: string;
}

/** What fetching as the device needs: who it is, its key, its state directory and the clock. */
export interface DeviceFetchContext {
  readonly stateDir: string;
  readonly identity: Pick<DeviceIdentity, "deviceId" | "serverUrl">;
  readonly key: DeviceKey;
  /** Writes the session file (atomically, mode 0600). */
  readonly writeFile: WriteFileAtomic;
  readonly now: () => Date;
}

// In memory for the process's life: `warden agent` runs `warden sync` in-process every round, so
// its rounds share one session without reading the file. Keyed by state directory and server URL.
const keptSessions = new Map<string, KeptSession>();
const sessionsUnsupportedUntil = new Map<string, number>();

/** Forgets every session and 404 kept in memory (tests). */
export function forgetKeptSessions(): void {
  keptSessions.clear();
  sessionsUnsupportedUntil.clear();
}

/**
 * GETs `path` as the device with its session: a kept one (memory, then the state file) unless it
 * expires within {@link SESSION_RENEW_BEFORE_MS}, else a new one from one device-signed POST.
 * A 401 drops the session, gets a new one once and retries once. When the server has no session
 * route (404), or issuing one fails, the GET is signed with the device key as before sessions.
 */
export async function fetchWithSession(
  device: DeviceFetchContext,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  let session = keptSession(device) ?? (await newSession(device));
  if (session === null) return fetchAsDevice(device.identity.serverUrl, path, device.key, headers);
  const response = await getWithSession(device, session, path, headers);
  if (response.status !== 401) return response;
  await response.body?.cancel();
  forgetSession(device);
  session = await newSession(device);
  if (session === null) return fetchAsDevice(device.identity.serverUrl, path, device.key, headers);
  return getWithSession(device, session, path, headers);
}

function getWithSession(
  device: DeviceFetchContext,
  session: KeptSession,
  path: string,
  headers: Record<string, string>,
): Promise<Response> {
  return fetchServer(new URL(path, device.identity.serverUrl).toString(), {
    method: "GET",
    headers: { ...headers, ...sessionAuthHeaders(path, session) },
  });
}

const memoryKey = (device: DeviceFetchContext) => `${device.stateDir}\n${device.identity.serverUrl}`;

/** The kept session (memory, then the state file) when it is this device's and not about to expire. */
function keptSession(device: DeviceFetchContext): KeptSession | null {
  const inMemory = keptSessions.get(memoryKey(device));
  if (inMemory !== undefined && usable(inMemory, device)) return inMemory;
  const inFile = readSessionFile(stateFiles(device.stateDir).session);
  if (inFile === null || !usable(inFile, device)) return null;
  keptSessions.set(memoryKey(device), inFile);
  return inFile;
}

/** Whether `session` was issued to this device by its server and lives past the renewal margin. */
function usable(session: KeptSession, device: DeviceFetchContext): boolean {
  const { deviceId, serverUrl } = device.identity;
  return (
    session.deviceId === deviceId &&
    session.serverUrl === serverUrl &&
    parseDeviceSessionToken(session.token)?.deviceId === deviceId &&
    Date.parse(session.expiresAt) - device.now().getTime() > SESSION_RENEW_BEFORE_MS
  );
}

/**
 * The session file's content, or null when it is missing, corrupt (not a session) or foreign (not
 * owned by this user, or readable by others: not a file this agent wrote). Never throws.
 */
export function readSessionFile(path: string): KeptSession | null {
  try {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0 || (process.getuid !== undefined && stat.uid !== process.getuid())) return null;
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<KeptSession> | null;
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

function isSession(value: unknown): value is KeptSession {
  if (typeof value !== "object" || value === null) return false;
  const session = value as Record<string, unknown>;
  return (
    ["token", "key", "expiresAt", "serverUrl", "deviceId"].every((field) => typeof session[field] === "string") &&
    /^[A-Za-z0-9_-]{43}$/.test(session.key as string) &&
    !Number.isNaN(Date.parse(session.expiresAt as string))
  );
}

/**
 * A new session from a device-signed `POST /v1/devices/self/session`, kept in memory and in the
 * state file; null (sign each request instead) when the server has no session route (404,
 * remembered for a while) or answers anything but a session. A network failure throws, as the
 * fetch itself would.
 */
async function newSession(device: DeviceFetchContext): Promise<KeptSession | null> {
  const { serverUrl, deviceId } = device.identity;
  const now = device.now().getTime();
  if ((sessionsUnsupportedUntil.get(serverUrl) ?? 0) > now) return null;
  const response = await fetchServer(new URL(SESSION_PATH, serverUrl).toString(), {
    method: "POST",
    headers: deviceAuthHeaders("POST", SESSION_PATH, "", device.key),
  });
  if (response.status === 404) sessionsUnsupportedUntil.set(serverUrl, now + UNSUPPORTED_RECHECK_MS);
  if (!response.ok) {
    await response.body?.cancel();
    return null;
  }
  const answer = await response.json().catch(() => null);
  const session = { ...(answer as DeviceSessionV1), serverUrl, deviceId };
  if (!isSession(session) || !usable(session, device)) return null;
  keepSession(device, session);
  return session;
}

function keepSession(device: DeviceFetchContext, session: KeptSession): void {
  keptSessions.set(memoryKey(device), session);
  const path = stateFiles(device.stateDir).session;
  try {
    // The writer keeps an existing file's mode: remove it first so the key is written 0600 only.
    rmSync(path, { force: true });
    device.writeFile(path, `${JSON.stringify(session, null, 2)}\n`, 0o600);
  } catch {
    // Only a cache: the next run obtains a new session.
  }
}

function forgetSession(device: DeviceFetchContext): void {
  keptSessions.delete(memoryKey(device));
  try {
    rmSync(stateFiles(device.stateDir).session, { force: true });
  } catch {
    // Overwritten by the next session, or ignored once expired.
  }
}
