import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runWarden, tempTree } from "../cli/built-cli.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TOKEN = "wk_e2e_owner_token_0123456789abcdef";
const tree = tempTree({
  "policy.toml":
    'version = 1\ndefault = "allow"\nfail_closed = true\n\n[[rules]]\nid = "no-rm"\ndecision = "deny"\nreason = "no"\ncommand = ["rm", "-r"]\n',
});
const spool = join(tree.dir, "spool");
const state = join(tree.dir, "state");
const dataDir = join(tree.dir, "data");
beforeAll(() => {
  ensureBuilt();
  // A dist/ built before `warden ship` existed: rebuild it.
  if (!readFileSync(join(ROOT, "dist/warden.cjs"), "utf8").includes("ship-cursor.json")) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
});
afterAll(tree.cleanup);

function startServe(port = 0) {
  const child = spawn(join(ROOT, "bin/warden"), ["serve", "--data-dir", dataDir, "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, WARDEN_BOOTSTRAP_TOKEN: TOKEN },
  });
  let stdout = "";
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const url = new Promise<string>((ready, fail) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /serving (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes("API reference:")) ready(match[1]!);
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}`)));
  });
  return { child, url, exited };
}

function hook(command: string): void {
  const policy = join(tree.dir, "etc/warden/hook-policy.json");
  const input = JSON.stringify({
    session_id: "s",
    turn_id: "t",
    transcript_path: null,
    cwd: tree.dir,
    hook_event_name: "PreToolUse",
    model: "m",
    permission_mode: "default",
    tool_name: "Bash",
    tool_input: { command },
    tool_use_id: `call-${command}`,
  });
  const run = spawnSync(join(ROOT, "bin/warden"), ["hook", "--policy", policy, "--spool-dir", spool], { input });
  expect(run.status, String(run.stderr)).toBe(0);
}

const spoolLines = () =>
  readFileSync(join(spool, readFileSync(join(spool, "state.json"), "utf8").match(/"file":"([^"]+)"/)![1]!), "utf8")
    .split("\n")
    .filter(Boolean);

describe("warden hook → ship → audit query (built binary, real server)", () => {
  it("delivers every spool record exactly once, across a server outage", async () => {
    const install = runWarden(
      ["hook", "install", "--etc-dir", join(tree.dir, "etc"), "--policy", "policy.toml", "--spool-dir", spool],
      tree.dir,
    );
    expect(install.status, install.stderr).toBe(0);
    for (const command of ["ls", "rm -r build", "git status"]) hook(command);

    const first = startServe();
    const url = await first.url;
    const ship = (extra: string[] = []) =>
      runWarden(
        ["ship", "--state-dir", state, "--spool-dir", spool, "--server", url, "--token", TOKEN, ...extra],
        ROOT,
      );
    const shipped = ship(["--json"]);
    expect(shipped.status, shipped.stderr).toBe(0);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ accepted: 3, duplicates: 0, cursor: { seq: 3 } });

    const events = await fetch(`${url}/v1/audit/events?decision=deny`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const page = (await events.json()) as { data: { seq: number; ruleId: string; record: { input: unknown } }[] };
    expect(page.data).toMatchObject([{ seq: 2, ruleId: "no-rm", record: { input: { command: "rm -r build" } } }]);

    // The server stops: new records stay in the spool and ship exits 3.
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    hook("echo 4");
    hook("echo 5");
    const down = ship(["--retries", "1"]);
    expect(down.status, down.stderr).toBe(3);
    expect(down.stderr).toContain("2 remain in the spool");
    expect(spoolLines()).toHaveLength(5);

    // Back up (same port): the rest is delivered once.
    const second = startServe(Number(new URL(url).port));
    await second.url;
    const again = ship(["--json"]);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 2, duplicates: 0, cursor: { seq: 5 } });
    expect(JSON.parse(ship(["--json"]).stdout)).toMatchObject({ accepted: 0, batches: 0 });

    const query = runWarden(["audit", "query", "--server", url, "--token", TOKEN, "--json"], ROOT);
    expect(query.status, query.stderr).toBe(0);
    const all = JSON.parse(query.stdout) as { data: { seq: number }[]; nextCursor: string | null };
    expect(all.data.map((e) => e.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    const text = runWarden(["audit", "query", "--server", url, "--token", TOKEN, "--rule", "no-rm"], ROOT);
    expect(text.stdout).toContain("deny");
    expect(text.stdout).toContain("1 event(s)");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);
});
