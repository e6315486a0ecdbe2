import { type ChildProcess, spawnSync } from "node:child_process";
import { chmodSync, closeSync, constants, existsSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { verifySpool } from "@warden/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastPathDir } from "../../packages/agent/src/hook/fast-path.ts";
import { tryFastPath } from "../../packages/agent/src/hook/hook-client.ts";
import { ensureBuilt, runWarden, tempTree } from "./built-cli.ts";
import { bashEvent as event, NO_RM_POLICY as POLICY, startHookDaemon } from "./hook-fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/warden");
const UID = process.getuid!();

const tree = tempTree({ "policy.toml": POLICY });
const spool = join(tree.dir, "spool");
const policy = join(tree.dir, "policy.json");
const hookArgs = ["--policy", policy, "--spool-dir", spool];
const env = { ...process.env, NODE_EXTRA_CA_CERTS: "" };
let daemon: ChildProcess | null = null;

/** Starts `warden hook serve` for the spool and waits until it says it is answering. */
const startDaemon = () => startHookDaemon(spool, env);

function stopDaemon(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  const child = daemon!;
  daemon = null;
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  child.kill(signal);
  return exited;
}

/** The client in this process, as bin/warden-hook.cjs runs it, on `stdin`. */
function client(stdin: string, waitMs?: number) {
  return tryFastPath({
    argv: hookArgs,
    env: {},
    uid: UID,
    pid: process.pid,
    readStdin: async () => ({ text: stdin }),
    uptimeMs: () => 5,
    ...(waitMs === undefined ? {} : { waitMs }),
  });
}

function runHook(stdin: string) {
  return spawnSync(BIN, ["hook", ...hookArgs], { input: stdin, env, encoding: "utf8" });
}

beforeAll(async () => {
  ensureBuilt();
  expect(runWarden(["policy", "compile", "policy.toml", "-o", policy], tree.dir).status).toBe(0);
  daemon = await startDaemon();
});

afterAll(async () => {
  if (daemon !== null) await stopDaemon("SIGKILL");
  tree.cleanup();
});

describe("warden hook serve (the hook's fast path)", () => {
  it("answers what the standalone hook answers, and records each event in the same chain", async () => {
    const deny = await client(event("rm -r build", tree.dir));
    const allow = await client(event("ls", tree.dir));
    expect(deny).toEqual({
      answered: {
        exitCode: 0,
        stderr: "",
        stdout: `${JSON.stringify({
          hookSpecificOutput: {
            hookEventName: "PreToolUse",
            permissionDecision: "deny",
            permissionDecisionReason: "Blocked by Warden policy rule no-rm: no recursive deletes",
          },
        })}\n`,
      },
    });
    expect(allow).toEqual({ answered: { exitCode: 0, stderr: "", stdout: "" } });
    // The launcher reaches the daemon too, and its answer is byte for byte the client's.
    const launched = runHook(event("rm -r build", tree.dir));
    expect(launched.status).toBe(0);
    expect(launched.stdout).toBe("answered" in deny ? deny.answered.stdout : "");
    const chain = verifySpool(spool);
    expect(chain).toMatchObject({ ok: true, records: 3, firstSeq: 1, lastSeq: 3 });
    const lines = readdirSync(spool)
      .filter((name) => name.endsWith(".jsonl"))
      .flatMap((name) => readFileSync(join(spool, name), "utf8").trim().split("\n"))
      .map((line) => JSON.parse(line));
    expect(lines.map((record) => [record.decision, record.ruleId])).toEqual([
      ["deny", "no-rm"],
      ["allow", null],
      ["deny", "no-rm"],
    ]);
    expect(lines[0].latencyMs).toBeGreaterThanOrEqual(5); // counted from the client's start
  });

  it("takes a request larger than one atomic pipe write through its private queue", async () => {
    const big = event(`echo ${"x".repeat(200_000)} && rm -r build`, tree.dir);
    const outcome = await client(big);
    expect(outcome).toMatchObject({ answered: { stdout: expect.stringContaining("no-rm") } });
    const dir = fastPathDir(spool, UID);
    expect(readdirSync(join(dir, "q"))).toEqual([]);
    expect(readdirSync(join(dir, "a"))).toEqual([]);
  });

  it("ignores lines that are not requests and keeps serving", async () => {
    const fifo = openSync(join(fastPathDir(spool, UID), "requests"), constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fifo, 'not json\n{"id":"../../etc/passwd"}\n{"id":"1-a","request":{"v":9}}\n');
    closeSync(fifo);
    expect(await client(event("ls", tree.dir))).toEqual({ answered: { exitCode: 0, stderr: "", stdout: "" } });
  });

  it("falls back to deciding alone when the daemon does not answer in time, losing nothing", async () => {
    daemon!.kill("SIGSTOP");
    try {
      const started = Date.now();
      const outcome = await client(event("ls", tree.dir), 150);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(outcome).toMatchObject({ fallback: "no answer in time" });
      const stdin = await (outcome as { stdin: Promise<unknown> }).stdin;
      expect(stdin).toEqual({ text: event("ls", tree.dir) }); // handed on to the standalone hook
    } finally {
      daemon!.kill("SIGCONT");
    }
  });

  it("refuses a directory others can write to, on both sides", async () => {
    const dir = fastPathDir(spool, UID);
    chmodSync(dir, 0o777);
    try {
      expect(await client(event("ls", tree.dir))).toMatchObject({ fallback: "directory not private", stdin: null });
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it("stops on SIGTERM, removing its FIFO: hooks then decide alone at once", async () => {
    expect(await stopDaemon("SIGTERM")).toBe(0);
    expect(existsSync(join(fastPathDir(spool, UID), "requests"))).toBe(false);
    expect(await client(event("ls", tree.dir))).toMatchObject({ fallback: "no daemon", stdin: null });
    const run = runHook(event("rm -r build", tree.dir));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no-rm");
  });

  it("a killed daemon leaves a FIFO with no reader: the hook notices at once and decides alone", async () => {
    daemon = await startDaemon();
    await stopDaemon("SIGKILL");
    expect(existsSync(join(fastPathDir(spool, UID), "requests"))).toBe(true);
    expect(await client(event("ls", tree.dir))).toMatchObject({ fallback: "no daemon" });
    const run = runHook(event("rm -r build", tree.dir));
    expect(run.stdout).toContain("no-rm");
    expect(verifySpool(spool).ok).toBe(true);
  });
});
