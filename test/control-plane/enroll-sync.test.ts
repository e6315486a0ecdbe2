import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type PinnedKey, signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { createServeDatabase, SERVE_BACKENDS, startServe } from "./serve-backends.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/warden");
const work = mkdtempSync(join(tmpdir(), "warden-enroll-sync-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REQUIREMENTS = 'allowed_approval_policies = ["on-request", "never"]\nallowed_sandbox_modes = ["read-only"]\n';
const BUNDLE_PATH = "/v1/devices/self/bundle";

/** Builds dist/ when it is missing or predates device sessions. */
function ensureBuilt(): void {
  const bundle = join(ROOT, "dist/warden.cjs");
  if (existsSync(bundle) && readFileSync(bundle, "utf8").includes("x-warden-session-mac")) return;
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/** The device's current bundle as the server answers it, fetched with the device key in `stateDir`. */
async function fetchBundleAs(stateDir: string, url: string): Promise<unknown> {
  const device = JSON.parse(readFileSync(join(stateDir, "device.json"), "utf8")) as { publicKeyPem: string };
  const privateKeyPem = readFileSync(join(stateDir, "device-key.pem"), "utf8");
  const timestamp = String(Date.now());
  const nonce = randomBytes(12).toString("base64url");
  const signature = signDeviceRequest({ method: "GET", path: BUNDLE_PATH, timestamp, nonce, body: "" }, privateKeyPem);
  const response = await fetch(`${url}${BUNDLE_PATH}`, {
    headers: {
      [DEVICE_AUTH_HEADERS.key]: Buffer.from(device.publicKeyPem).toString("base64"),
      [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
      [DEVICE_AUTH_HEADERS.nonce]: nonce,
      [DEVICE_AUTH_HEADERS.signature]: signature,
    },
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** Runs `bin/warden sync` while the device's server URL points at a server answering `bundle` to everything. */
async function syncFromFakeServer(stateDir: string, etcDir: string, bundle: unknown) {
  const server = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "application/json", etag: '"replayed"' }).end(JSON.stringify(bundle)),
  );
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const file = join(stateDir, "device.json");
  const original = readFileSync(file, "utf8");
  const port = (server.address() as AddressInfo).port;
  writeFileSync(file, JSON.stringify({ ...JSON.parse(original), serverUrl: `http://127.0.0.1:${port}/` }));
  try {
    // Spawned asynchronously: this process must keep serving while the CLI runs.
    const child = spawn(BIN, ["sync", "--state-dir", stateDir, "--etc-dir", etcDir], { cwd: work });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const status = await new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    return { status, stderr };
  } finally {
    writeFileSync(file, original);
    server.close();
  }
}

describe.each(SERVE_BACKENDS)(
  "warden enroll + warden sync against bin/warden serve on $backend",
  ({ backend, skip }) => {
    it.skipIf(skip !== null)(
      "enrols, installs the signed bundle, follows a key rotation, refuses replays, keeps it when the server is down",
      async () => {
        ensureBuilt();
        const dir = join(work, backend);
        mkdirSync(dir, { recursive: true });
        const warden = (args: string[]) => {
          const run = spawnSync(BIN, args, { cwd: dir, encoding: "utf8", env: { ...process.env, WARDEN_DEBUG: "1" } });
          return { status: run.status, stdout: run.stdout, stderr: run.stderr };
        };
        const database = await createServeDatabase(backend, join(dir, "data"));
        try {
          const server = startServe(database, { cwd: work });
          const { url, printed } = await server.ready;
          expect(printed).toContain(`storage: ${backend}`);
          const token = /^ {2}(wk_\S+)$/m.exec(printed)![1]!;
          const api = async (method: string, path: string, body?: unknown) => {
            const response = await fetch(`${url}${path}`, {
              method,
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of the answers
            return { status: response.status, json: (await response.json().catch(() => null)) as any };
          };
          const stateDir = join(dir, "state");
          const etcDir = join(dir, "etc");
          const sync = () => warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir, "--json"]);
          const pinned = () =>
            (JSON.parse(readFileSync(join(stateDir, "pinned-keys.json"), "utf8")) as PinnedKey[]).map((k) => k.keyId);
          const V2 = `${REQUIREMENTS}# v2\n`;
          try {
            const user = (await api("POST", "/v1/users", { name: "alice" })).json.id;
            const group = (await api("POST", "/v1/groups", { name: "eng" })).json.id;
            await api("PUT", `/v1/groups/${group}/members/${user}`);
            const policy = (await api("POST", "/v1/policies", { name: "eng-policy", requirementsToml: REQUIREMENTS }))
              .json.policy.id;
            expect(policy).toBeTruthy();
            await api("PUT", "/v1/group-rules", { rules: [{ groupId: group, policyId: policy }] });
            const issued = await api("POST", "/v1/enrollment-tokens", { user: "alice" });
            expect(issued.status).toBe(201);

            const notEnrolled = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir]);
            expect(notEnrolled.status, notEnrolled.stderr).toBe(2);
            expect(notEnrolled.stderr).toContain("not enrolled");

            const enroll = warden(["enroll", "--server", url, "--token", issued.json.token, "--state-dir", stateDir]);
            expect(enroll.status, enroll.stderr).toBe(0);
            expect(statSync(join(stateDir, "device-key.pem")).mode & 0o777).toBe(0o600);
            const reused = warden([
              "enroll",
              "--server",
              url,
              "--token",
              issued.json.token,
              "--state-dir",
              join(dir, "s2"),
            ]);
            expect(reused.status).toBe(1);
            expect(reused.stderr).toContain("410");

            const installed = sync();
            expect(installed.status, installed.stderr).toBe(0);
            expect(JSON.parse(installed.stdout)).toMatchObject({
              status: "installed",
              revision: 1,
              policy: { name: "eng-policy" },
            });
            expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(REQUIREMENTS);
            expect(statSync(join(etcDir, "requirements.toml")).mode & 0o777).toBe(0o644);
            // The sync opened a device session and keeps it for the next runs (0600: it holds the key).
            expect(statSync(join(stateDir, "session.json")).mode & 0o777).toBe(0o600);

            const explain = warden(["explain", "--etc-dir", etcDir, "--json"]);
            expect(explain.status, explain.stderr).toBe(0);
            const explained = JSON.parse(explain.stdout);
            expect(explained.requirements).toMatchObject({ allowedSandboxModes: ["read-only"] });
            expect(explained.effective).toMatchObject({ sandboxMode: "read-only" });

            const again = sync();
            expect(again.status, again.stderr).toBe(0);
            expect(JSON.parse(again.stdout)).toMatchObject({ status: "unchanged", revision: 1 });

            // Key rotation, all before the device syncs again: add B, make it the signer, retire A.
            const [a] = pinned();
            const beforeRotation = await fetchBundleAs(stateDir, url);
            const b = (await api("POST", "/v1/signing-keys")).json.keyId as string;
            expect((await api("POST", `/v1/signing-keys/${b}/promote`)).json).toMatchObject({
              keyId: b,
              signing: true,
            });
            expect((await api("POST", `/v1/signing-keys/${a}/retire`)).status).toBe(200);
            const rotated = sync();
            expect(rotated.status, rotated.stderr).toBe(0);
            expect(JSON.parse(rotated.stdout)).toMatchObject({
              status: "installed",
              revision: 2,
              keys: { pinned: [b], added: [b], removed: [a] },
            });
            expect(pinned()).toEqual([b]);
            const rotatedBundle = await fetchBundleAs(stateDir, url);
            expect(rotatedBundle).toMatchObject({ bundle: { revision: 2, keyId: b }, endorsements: [{ keyId: a }] });
            const activity = (await api("GET", "/v1/activity?targetType=signing_key")).json.data;
            expect(activity.map((e: { action: string }) => e.action)).toEqual([
              "signing_key.retire",
              "signing_key.promote",
              "signing_key.create",
            ]);

            // A new policy revision installs (3); replays are then refused and change nothing.
            await api("PUT", `/v1/policies/${policy}`, { requirementsToml: V2 });
            const updated = sync();
            expect(JSON.parse(updated.stdout)).toMatchObject({ status: "installed", revision: 3, keys: { added: [] } });
            for (const [replayed, code] of [
              [beforeRotation, "unknown_key"],
              [rotatedBundle, "rollback"],
            ] as const) {
              const refused = await syncFromFakeServer(stateDir, etcDir, replayed);
              expect(refused.status, refused.stderr).toBe(1);
              expect(refused.stderr).toContain(`bundle refused (${code})`);
              expect(pinned()).toEqual([b]);
              expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(V2);
            }
          } finally {
            expect(await server.stop()).toBe(0);
          }

          // The server stopped mid-way: sync fails with exit 3 and the installed files stay.
          const down = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir]);
          expect(down.status, down.stderr).toBe(3);
          expect(down.stderr).toContain("cannot reach the server");
          expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(V2);

          // Back up on the same database: the device is still enrolled and its bundle unchanged, and
          // the restarted server accepts the session the device kept (its secret is in the database).
          const session = () => JSON.parse(readFileSync(join(stateDir, "session.json"), "utf8")).token as string;
          const kept = session();
          const restarted = startServe(database, { cwd: work, port: Number(new URL(url).port) });
          try {
            await restarted.ready;
            const back = sync();
            expect(back.status, back.stderr).toBe(0);
            expect(JSON.parse(back.stdout)).toMatchObject({ status: "unchanged", revision: 3 });
            expect(session()).toBe(kept);
          } finally {
            expect(await restarted.stop()).toBe(0);
          }
        } finally {
          await database.drop();
        }
      },
      120_000,
    );
  },
);
