import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(join(tmpdir(), "warden-serve-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Builds dist/ when it is missing or predates `warden serve`. */
function ensureServeBuilt(): void {
  const bundle = join(ROOT, "dist/warden.cjs");
  if (existsSync(bundle) && readFileSync(bundle, "utf8").includes("warden: serving ")) return;
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/** Starts `bin/warden serve` on a free port; resolves with the process and what it printed once it is listening. */
function startServe(env: NodeJS.ProcessEnv) {
  const child = spawn(join(ROOT, "bin/warden"), ["serve", "--data-dir", dataDir, "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
  return { child, listening, exited, output: () => stdout };
}

describe("bin/warden serve (built)", () => {
  it("bootstraps the owner once, serves the API, and stops cleanly on SIGTERM", async () => {
    ensureServeBuilt();
    const first = startServe({ WARDEN_BOOTSTRAP_TOKEN: "" });
    const printed = await first.listening;
    const url = /serving (http:\/\/\S+)/.exec(printed)![1]!;
    const token = /^ {2}(wk_\S+)$/m.exec(printed)![1]!;
    expect(printed).toContain(`Log in: curl -H "Authorization: Bearer ${token}" ${url}/v1/policies`);

    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", storage: "sqlite" });
    const anonymous = await fetch(`${url}/v1/policies`);
    expect(anonymous.status).toBe(401);
    const created = await fetch(`${url}/v1/groups`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "eng" }),
    });
    expect(created.status).toBe(201);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("SIGTERM: shutting down");

    // The second start keeps the owner and the data, and prints no token.
    const second = startServe({ WARDEN_BOOTSTRAP_TOKEN: "" });
    const again = await second.listening;
    expect(again).not.toContain(token);
    const url2 = /serving (http:\/\/\S+)/.exec(again)![1]!;
    const groups = await fetch(`${url2}/v1/groups`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await groups.json()) as { data: { name: string }[] }).data.map((g: { name: string }) => g.name)).toEqual([
      "eng",
    ]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);
});
