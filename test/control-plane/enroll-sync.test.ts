import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/warden");
const work = mkdtempSync(join(tmpdir(), "warden-enroll-sync-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REQUIREMENTS = 'allowed_approval_policies = ["on-request", "never"]\nallowed_sandbox_modes = ["read-only"]\n';

/** Builds dist/ when it is missing or predates `warden sync`. */
function ensureBuilt(): void {
  const bundle = join(ROOT, "dist/warden.cjs");
  if (existsSync(bundle) && readFileSync(bundle, "utf8").includes("warden.bundle/v1")) return;
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

function warden(args: string[]) {
  const run = spawnSync(BIN, args, { cwd: work, encoding: "utf8", env: { ...process.env, WARDEN_DEBUG: "1" } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function startServe() {
  const child = spawn(BIN, ["serve", "--data-dir", join(work, "data"), "--port", "0"], {
    cwd: work,
    env: { ...process.env, WARDEN_BOOTSTRAP_TOKEN: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const listening = new Promise<string>((ready, fail) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("API reference:")) ready(stdout);
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, listening, exited };
}

describe("warden enroll + warden sync against bin/warden serve", () => {
  it("enrols, installs the signed bundle, answers 304 when unchanged, keeps it when the server is down", async () => {
    ensureBuilt();
    const server = startServe();
    const printed = await server.listening;
    const url = /serving (http:\/\/\S+)/.exec(printed)![1]!;
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
    try {
      const user = (await api("POST", "/v1/users", { name: "alice" })).json.id;
      const group = (await api("POST", "/v1/groups", { name: "eng" })).json.id;
      await api("PUT", `/v1/groups/${group}/members/${user}`);
      const policy = (await api("POST", "/v1/policies", { name: "eng-policy", requirementsToml: REQUIREMENTS })).json;
      expect(policy.policy.id).toBeTruthy();
      await api("PUT", "/v1/group-rules", { rules: [{ groupId: group, policyId: policy.policy.id }] });
      const issued = await api("POST", "/v1/enrollment-tokens", { user: "alice" });
      expect(issued.status).toBe(201);

      const stateDir = join(work, "state");
      const etcDir = join(work, "etc");
      const notEnrolled = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir]);
      expect(notEnrolled.status, notEnrolled.stderr).toBe(2);
      expect(notEnrolled.stderr).toContain("not enrolled");

      const enroll = warden(["enroll", "--server", url, "--token", issued.json.token, "--state-dir", stateDir]);
      expect(enroll.status, enroll.stderr).toBe(0);
      expect(statSync(join(stateDir, "device-key.pem")).mode & 0o777).toBe(0o600);
      const reused = warden(["enroll", "--server", url, "--token", issued.json.token, "--state-dir", join(work, "s2")]);
      expect(reused.status).toBe(1);
      expect(reused.stderr).toContain("410");

      const sync = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir, "--json"]);
      expect(sync.status, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({
        status: "installed",
        revision: 1,
        policy: { name: "eng-policy" },
      });
      expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(REQUIREMENTS);
      expect(statSync(join(etcDir, "requirements.toml")).mode & 0o777).toBe(0o644);

      const explain = warden(["explain", "--etc-dir", etcDir, "--json"]);
      expect(explain.status, explain.stderr).toBe(0);
      const explained = JSON.parse(explain.stdout);
      expect(explained.requirements).toMatchObject({ allowedSandboxModes: ["read-only"] });
      expect(explained.effective).toMatchObject({ sandboxMode: "read-only" });

      const again = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir, "--json"]);
      expect(again.status, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ status: "unchanged", revision: 1 });
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }

    const stateDir = join(work, "state");
    const etcDir = join(work, "etc");
    const down = warden(["sync", "--state-dir", stateDir, "--etc-dir", etcDir]);
    expect(down.status, down.stderr).toBe(3);
    expect(down.stderr).toContain("cannot reach the server");
    expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(REQUIREMENTS);
  }, 120_000);
});
