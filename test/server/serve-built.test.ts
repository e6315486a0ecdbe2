import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
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
function startServe(env: NodeJS.ProcessEnv, flags: string[] = [], dir = dataDir) {
  const child = spawn(join(ROOT, "bin/warden"), ["serve", "--data-dir", dir, "--port", "0", ...flags], {
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
  return { child, listening, exited, output: () => stdout, errors: () => stderr };
}

/** The pids of a process's children (Linux: from /proc, whose stat line ends the name with ")"). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const [state, parent] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(parent) === pid && state !== "Z") children.push(Number(entry));
  }
  return children;
}

async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((settle) => setTimeout(settle, 50));
  }
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

  it("--workers 2 serves from two processes on one port, replaces a killed one, and stops them all on SIGTERM", async () => {
    ensureServeBuilt();
    const served = startServe({ WARDEN_BOOTSTRAP_TOKEN: "" }, ["--workers", "2"]);
    const printed = await served.listening;
    expect(printed).toMatch(/serving http:\/\/127\.0\.0\.1:\d+ \(storage: sqlite at .*, 2 worker processes\)/);
    const url = /serving (http:\/\/\S+)/.exec(printed)![1]!;
    const primary = served.child.pid!;
    const workers = childrenOf(primary);
    expect(workers).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${url}/healthz`).then((r) => r.status)));
    expect(answers.every((status) => status === 200)).toBe(true);

    process.kill(workers[0]!, "SIGKILL");
    const replaced = await until("a replacement worker", () => {
      const now = childrenOf(primary);
      return now.length === 2 && !now.includes(workers[0]!) ? now : undefined;
    });
    expect(replaced).toContain(workers[1]);
    await until("the restart to be logged", () => (served.errors().includes("starting another") ? true : undefined));
    expect(served.errors()).toContain(`server process ${workers[0]} stopped (SIGKILL)`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
    expect(served.output()).toContain("SIGTERM: shutting down");
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);

  it("--workers N: refuses a count out of range, and exits 3 with the reason when the workers cannot listen", async () => {
    ensureServeBuilt();
    for (const bad of ["0", "abc", "65", "1.5"]) {
      const run = spawnSync(join(ROOT, "bin/warden"), ["serve", "--data-dir", dataDir, "--workers", bad], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(run.status, bad).toBe(2);
      expect(run.stderr).toContain(`--workers ${bad}: expected a number of processes from 1 to 64`);
    }
    const taken = createServer();
    const port = await new Promise<number>((ready) =>
      taken.listen(0, "127.0.0.1", () => ready((taken.address() as { port: number }).port)),
    );
    try {
      const run = spawnSync(
        join(ROOT, "bin/warden"),
        ["serve", "--data-dir", dataDir, "--port", String(port), "--workers", "2"],
        { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
      );
      expect(run.status).toBe(3);
      expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
      expect(run.stderr).toContain("a server process stopped while starting (exit 3)");
    } finally {
      taken.close();
    }
  }, 120_000);

  it("--workers N: stops everything, exit 3, when replacement workers keep failing", async () => {
    ensureServeBuilt();
    const dir = mkdtempSync(join(tmpdir(), "warden-serve-crash-"));
    try {
      const served = startServe({ WARDEN_BOOTSTRAP_TOKEN: "" }, ["--workers", "2"], dir);
      await served.listening;
      const workers = childrenOf(served.child.pid!);
      // Replacements cannot open this as a database, so each one stops as it starts.
      for (const file of ["warden.db", "warden.db-wal", "warden.db-shm"]) rmSync(join(dir, file), { force: true });
      writeFileSync(join(dir, "warden.db"), "not a database, ".repeat(512));
      for (const pid of workers) process.kill(pid, "SIGKILL");
      expect(await served.exited).toBe(3);
      expect(served.errors()).toMatch(/warden: \d+ server processes stopped within 60 s; stopping/);
      expect(served.errors()).toContain("cannot open the database");
      expect(childrenOf(served.child.pid!)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
