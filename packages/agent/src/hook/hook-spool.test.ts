import { spawn, spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listSpoolFiles } from "../spool/spool-state.ts";
import { verifySpool } from "../spool/verify-spool.ts";
import {
  buildHookBundle,
  canMount,
  hookEnv,
  hookEvent,
  readSpool,
  runHookAsync,
  runHookBundle,
  tempDir,
  writePolicy,
} from "./hook-harness.test-support.ts";

const policyToml = (failClosed: boolean) => `
version = 1
default = "allow"
fail_closed = ${failClosed}

[[rules]]
id = "no-rm"
decision = "deny"
reason = "no recursive deletes"
command = ["rm", "-rf"]
`;

let bundle: string;
const build = tempDir("warden-hook-bundle-");
beforeAll(async () => {
  bundle = (await buildHookBundle(build.dir)).file;
}, 60_000);
afterAll(() => build.cleanup());

let work: ReturnType<typeof tempDir>;
let spool: string;
beforeEach(() => {
  work = tempDir();
  spool = join(work.dir, "spool");
});
afterEach(() => work.cleanup());

const args = (failClosed = true) => ["--policy", writePolicy(work.dir, policyToml(failClosed)), "--spool-dir", spool];
const spoolPath = () => join(spool, listSpoolFiles(spool)[0]!);

describe("the spool under concurrent hooks", () => {
  it("20 parallel hooks: no duplicate or missing sequence numbers, the chain verifies", async () => {
    const flags = args();
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runHookAsync(
          bundle,
          hookEvent({ tool_use_id: `call-${i}`, tool_input: { command: i % 5 === 0 ? "rm -rf build" : `echo ${i}` } }),
          flags,
        ),
      ),
    );
    expect(runs.map((run) => run.status)).toEqual(Array(20).fill(0));
    expect(runs.filter((run) => run.stdout.includes('"permissionDecision":"deny"'))).toHaveLength(4);
    expect(runs.every((run) => run.stderr === "")).toBe(true);
    const records = readSpool(spool);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.toolUseId)).size).toBe(20);
    expect(new Set(records.map((r) => r.deviceId)).size).toBe(1);
    expect(verifySpool(spool)).toMatchObject({ ok: true, records: 20, lastSeq: 20 });
  }, 60_000);
});

describe("tamper detection", () => {
  beforeEach(() => {
    const flags = args();
    for (let i = 0; i < 5; i++) runHookBundle(bundle, hookEvent({ tool_use_id: `c${i}` }), flags);
  });

  it("a deleted line", () => {
    const lines = readFileSync(spoolPath(), "utf8").split("\n");
    lines.splice(2, 1);
    writeFileSync(spoolPath(), lines.join("\n"));
    const result = verifySpool(spool);
    expect(result.ok).toBe(false);
    expect(result.gaps).toMatchObject([{ line: 3, expectedSeq: 3, foundSeq: 4 }]);
    expect(result.breaks).toMatchObject([{ line: 3, seq: 4 }]);
  });

  it("an edited line", () => {
    const text = readFileSync(spoolPath(), "utf8");
    writeFileSync(spoolPath(), text.replace('"toolUseId":"c1"', '"toolUseId":"cX"'));
    expect(verifySpool(spool)).toMatchObject({ ok: false, edits: [{ line: 2, seq: 2 }] });
  });

  it("the last line removed", () => {
    const lines = readFileSync(spoolPath(), "utf8").trimEnd().split("\n");
    writeFileSync(spoolPath(), `${lines.slice(0, -1).join("\n")}\n`);
    expect(verifySpool(spool).truncatedTail).toMatchObject({ expected: { seq: 5 }, found: { seq: 4 } });
  });
});

describe("the watchdog", () => {
  async function answerOf(child: ReturnType<typeof spawn>, started: number) {
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { status, stderr, ms: Date.now() - started };
  }
  const expected = "Blocked by Warden: stdin was not closed in time (the hook policy fails closed)\n";

  it("answers by the deadline when a pipe is never closed (the Linux reader)", async () => {
    const fifo = join(work.dir, "stdin.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    // Read-write: the hook's stdin then always has a writer, and never sees EOF.
    const fd = openSync(fifo, "r+");
    const started = Date.now();
    const child = spawn(process.execPath, [bundle, ...args(), "--deadline-ms", "300"], {
      env: hookEnv(),
      stdio: [fd, "pipe", "pipe"],
    });
    closeSync(fd);
    const answer = await answerOf(child, started);
    expect(answer).toMatchObject({ status: 2, stderr: expected });
    expect(answer.ms).toBeLessThan(3000);
    expect(readSpool(spool)[0]).toMatchObject({ failure: "stdin_timeout", decision: "deny" });
  });

  it("answers by the deadline when a socket is never closed (the fallback reader)", async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [bundle, ...args(), "--deadline-ms", "300"], { env: hookEnv() });
    child.stdin.write('{"hook_event_name":'); // and never closed
    const answer = await answerOf(child, started);
    expect(answer).toMatchObject({ status: 2, stderr: expected });
    expect(answer.ms).toBeLessThan(3000);
  });
});

describe("stdin kinds", () => {
  it.each(["pipe", "socket", "file"] as const)("reads an event through a %s", (via) => {
    const run = runHookBundle(bundle, hookEvent({ tool_input: { command: "rm -rf /" } }), args(), hookEnv(), via);
    expect(run.stdout).toContain("Blocked by Warden policy rule no-rm");
  });
});

describe("a spool that cannot be written", () => {
  const root = process.getuid?.() === 0;
  const mountable = canMount();
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) spawnSync("umount", [dir]);
  });

  function readOnlySpool(): void {
    mkdirSync(spool, { recursive: true });
    if (mountable) {
      expect(spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", spool]).status).toBe(0);
      mounted.push(spool);
    } else chmodSync(spool, 0o555);
  }

  it.skipIf(root && !mountable)("read-only, fail closed: denies because the decision could not be recorded", () => {
    readOnlySpool();
    const run = runHookBundle(bundle, hookEvent(), args(true));
    expect(run.stdout).toMatch(
      /"permissionDecision":"deny","permissionDecisionReason":"Blocked by Warden: the decision could not be recorded: the spool directory .* is not writable \((EROFS|EACCES)\) \(the hook policy fails closed\)"/,
    );
  });

  it.skipIf(root && !mountable)("read-only, fail open: allows and reports on stderr", () => {
    readOnlySpool();
    const run = runHookBundle(bundle, hookEvent(), args(false));
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^warden hook: the decision could not be recorded: .* is not writable/);
  });

  it.skipIf(!mountable)("a full disk (64 KiB tmpfs): denies, and the torn record is cut back off", () => {
    mkdirSync(spool, { recursive: true });
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", spool]).status).toBe(0);
    mounted.push(spool);
    const flags = args(true);
    expect(runHookBundle(bundle, hookEvent(), flags).stdout).toBe("");
    const sizeBefore = statSync(spoolPath()).size;
    const { bavail, bsize } = statfsSync(spool);
    writeFileSync(join(spool, "filler"), Buffer.alloc(Math.max(0, bavail * bsize - 8192)));
    const big = hookEvent({ tool_input: { command: `echo ${"x".repeat(30_000)}` } });
    const run = runHookBundle(bundle, big, flags);
    expect(run.stdout).toMatch(
      /Blocked by Warden: the decision could not be recorded: the spool directory .* is full \(ENOSPC\)/,
    );
    expect(statSync(spoolPath()).size).toBe(sizeBefore);
    expect(verifySpool(spool).ok).toBe(true);
  });

  it.runIf(!mountable)("(tmpfs tests skipped: mounting needs root)", () => {
    console.warn("skipping the full-disk test: `mount -t tmpfs` needs root");
  });
});
