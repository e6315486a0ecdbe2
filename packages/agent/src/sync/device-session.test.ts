import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatDeviceSessionToken, verifyDeviceRequestMac } from "@warden/core";
import { DEVICE_AUTH_HEADERS, DEVICE_SESSION_AUTH } from "@warden/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeviceFetchContext, fetchWithSession, forgetKeptSessions, SESSION_PATH } from "./device-session.ts";
import { stateFiles } from "./device-state.ts";

const BUNDLE = "/v1/devices/self/bundle";
const DEVICE_ID = "device-1";
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const KEY = {
  publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};

/** What the fake server saw: each request's method and how it was authenticated. */
type Seen = { method: string; auth: "signed" | "session" | "bad-session" | "none" };

/**
 * A server with the session route (unless `sessions` is false: an older server, 404) and a bundle
 * route that answers 304 to a request with a valid session MAC or a device signature, 401 else;
 * `refuseSessions` makes it answer 401 to the next that many session GETs (a server that lost them).
 */
class FakeServer {
  readonly seen: Seen[] = [];
  readonly keys = new Map<string, Buffer>();
  sessions = true;
  refuseSessions = 0;
  /** The server's clock (the tests move the agent's and the server's together). */
  now = () => Date.now();
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const answer = this.answer(request);
      response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    });
    await new Promise<void>((ready) => this.server!.listen(0, "127.0.0.1", ready));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  stop(): void {
    this.server?.close();
  }

  count(method: string, auth?: Seen["auth"]): number {
    return this.seen.filter((s) => s.method === method && (auth === undefined || s.auth === auth)).length;
  }

  private answer(request: IncomingMessage): { status: number; body: string } {
    const signed = request.headers[DEVICE_AUTH_HEADERS.signature] !== undefined;
    if (request.method === "POST" && request.url === SESSION_PATH) {
      this.seen.push({ method: "POST", auth: signed ? "signed" : "none" });
      if (!this.sessions) return { status: 404, body: '{"code":"not_found"}' };
      const expiresAt = Math.floor((this.now() + 10 * 60_000) / 1000);
      const token = formatDeviceSessionToken({
        deviceId: DEVICE_ID,
        expiresAt,
        nonce: randomBytes(18).toString("base64url"),
      });
      const key = randomBytes(32);
      this.keys.set(token, key);
      const session = { token, key: key.toString("base64url"), expiresAt: new Date(expiresAt * 1000).toISOString() };
      return { status: 200, body: JSON.stringify(session) };
    }
    const authorization = request.headers.authorization ?? "";
    if (!authorization.startsWith(`${DEVICE_SESSION_AUTH.scheme} `)) {
      this.seen.push({ method: "GET", auth: signed ? "signed" : "none" });
      return signed ? { status: 304, body: "" } : { status: 401, body: "{}" };
    }
    const token = authorization.slice(DEVICE_SESSION_AUTH.scheme.length + 1);
    const header = (name: string) => String(request.headers[name] ?? "");
    const parts = {
      method: "GET",
      path: request.url ?? "",
      timestamp: header(DEVICE_AUTH_HEADERS.timestamp),
      nonce: header(DEVICE_AUTH_HEADERS.nonce),
      body: "",
    };
    const key = this.keys.get(token);
    const valid = key !== undefined && verifyDeviceRequestMac(parts, header(DEVICE_SESSION_AUTH.mac), key);
    if (valid && this.refuseSessions === 0) {
      this.seen.push({ method: "GET", auth: "session" });
      return { status: 304, body: "" };
    }
    this.refuseSessions = Math.max(0, this.refuseSessions - 1);
    this.seen.push({ method: "GET", auth: "bad-session" });
    return { status: 401, body: '{"code":"unauthenticated"}' };
  }
}

let server: FakeServer;
let device: DeviceFetchContext;
let clock: Date;
const sessionFile = () => stateFiles(device.stateDir).session;

beforeEach(async () => {
  forgetKeptSessions();
  server = new FakeServer();
  const serverUrl = await server.start();
  clock = new Date();
  server.now = () => clock.getTime();
  device = {
    stateDir: mkdtempSync(join(tmpdir(), "warden-session-")),
    identity: { deviceId: DEVICE_ID, serverUrl },
    key: KEY,
    writeFile: (path, text, mode) => writeFileSync(path, text, { mode: mode ?? 0o644 }),
    now: () => clock,
  };
});
afterEach(() => {
  server.stop();
  rmSync(device.stateDir, { recursive: true, force: true });
});

const fetchBundle = async () => (await fetchWithSession(device, BUNDLE, { "if-none-match": '"e"' })).status;

describe("fetchWithSession", () => {
  it("opens one session and reuses it: in memory across rounds, and from the 0600 state file in a new process", async () => {
    expect(await fetchBundle()).toBe(304);
    expect(await fetchBundle()).toBe(304);
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(sessionFile(), "utf8"))).toMatchObject({ deviceId: DEVICE_ID });
    forgetKeptSessions(); // as a one-shot `warden sync` starts
    expect(await fetchBundle()).toBe(304);
    expect(server.count("POST")).toBe(1);
    expect(server.count("POST", "signed")).toBe(1);
    expect(server.count("GET", "session")).toBe(3);
  });

  it("renews a session that expires within a minute", async () => {
    expect(await fetchBundle()).toBe(304);
    clock = new Date(clock.getTime() + 8 * 60_000);
    expect(await fetchBundle()).toBe(304);
    expect(server.count("POST")).toBe(1);
    clock = new Date(clock.getTime() + 60_000 + 1000);
    expect(await fetchBundle()).toBe(304);
    expect(server.count("POST")).toBe(2);
    expect(server.count("GET", "session")).toBe(3);
  });

  it("signs each request with the device key when the server has no session route (404), asking again only later", async () => {
    server.sessions = false;
    expect(await fetchBundle()).toBe(304);
    expect(await fetchBundle()).toBe(304);
    expect(server.count("POST")).toBe(1);
    expect(server.count("GET", "signed")).toBe(2);
    expect(() => statSync(sessionFile())).toThrow();
  });

  it("after a 401 drops the session, opens a new one once and retries once", async () => {
    expect(await fetchBundle()).toBe(304);
    server.refuseSessions = 1;
    expect(await fetchBundle()).toBe(304);
    expect(server.count("POST")).toBe(2);
    expect(server.count("GET", "bad-session")).toBe(1);
    // Refused again after the renewal: the 401 is the answer, no third session.
    server.refuseSessions = 2;
    expect(await fetchBundle()).toBe(401);
    expect(server.count("POST")).toBe(3);
    expect(server.count("GET", "bad-session")).toBe(3);
  });

  it.each([
    ["corrupt", "{not json", 0o600],
    ["not a session", JSON.stringify({ token: 1 }), 0o600],
    ["another device's", null, 0o600],
    ["readable by others", null, 0o644],
  ] as const)("ignores a %s session file and replaces it", async (_name, text, mode) => {
    const foreign = {
      token: formatDeviceSessionToken({ deviceId: "device-2", expiresAt: 4_000_000_000, nonce: "n".repeat(24) }),
      key: "k".repeat(43),
      expiresAt: new Date(4_000_000_000_000).toISOString(),
      serverUrl: device.identity.serverUrl,
      deviceId: mode === 0o644 ? DEVICE_ID : "device-2",
    };
    if (mode === 0o644) foreign.token = foreign.token.replace("device-2", DEVICE_ID);
    writeFileSync(sessionFile(), text ?? JSON.stringify(foreign));
    chmodSync(sessionFile(), mode);
    expect(await fetchBundle()).toBe(304);
    // Never presented: the first GET already used the new session.
    expect(server.count("GET", "bad-session")).toBe(0);
    expect(server.count("POST")).toBe(1);
    expect(server.count("GET", "session")).toBe(1);
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(sessionFile(), "utf8")).deviceId).toBe(DEVICE_ID);
  });
});
