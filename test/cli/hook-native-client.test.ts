// The native fast-path client (packages/agent/native/warden-hook-client.c, built into
// dist/warden-hook-client), against the built daemon and the built standalone hook. A client run
// with a PATH that has no `node` can only answer through the daemon (its fallback cannot start),
// which is how these tests tell the two paths apart.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { verifySpool } from "@warden/agent";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AUTOSTART_RETRY_MS,
  autostartStamp,
  decodeAnswer,
  encodeAnswer,
  FAST_PATH_VERSION,
  type FastPathAnswer,
  fastPathDir,
  REQUEST_ID,
} from "../../packages/agent/src/hook/fast-path.ts";
import { claimAutostart, tryFastPath } from "../../packages/agent/src/hook/hook-client.ts";
import { ensureBuilt, runWarden, tempTree } from "./built-cli.ts";
import { bashEvent as event, NO_RM_POLICY as POLICY, startHookDaemon } from "./hook-fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CLIENT = join(ROOT, "dist/warden-hook-client");
const STANDALONE = join(ROOT, "bin/warden-hook.cjs");
const UID = process.getuid!();

const tree = tempTree({ "policy.toml": POLICY });
const policy = join(tree.dir, "policy.json");
const env = { ...process.env, NODE_EXTRA_CA_CERTS: "" };
/** An environment in which the client cannot start node: only the daemon can answer. */
const noNode = { ...env, PATH: join(tree.dir, "no-such-dir") };
const daemons: ChildProcess[] = [];

/** Runs the native client as bin/warden does, on `stdin`. */
function native(spool: string, stdin: string | Buffer, runEnv: NodeJS.ProcessEnv = env, extra: string[] = []) {
  const args = [STANDALONE, "--policy", policy, "--spool-dir", spool, ...extra];
  return spawnSync(CLIENT, args, { cwd: tree.dir, input: stdin, env: runEnv, encoding: "utf8", timeout: 20_000 });
}

/** The node standalone hook on the same input: what the native client must answer. */
function standalone(spool: string, stdin: string | Buffer, extra: string[] = []) {
  const args = [STANDALONE, "--policy", policy, "--spool-dir", spool, ...extra];
  const runEnv = { ...env, WARDEN_HOOK_STANDALONE: "1" };
  const options = { cwd: tree.dir, input: stdin, env: runEnv, encoding: "utf8", timeout: 20_000 } as const;
  return spawnSync(process.execPath, args, options);
}

async function daemonFor(spool: string): Promise<void> {
  daemons.push(await startHookDaemon(spool, env));
}

/** Polls `check` every 25 ms for up to `ms`. */
async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (check()) return true;
    await new Promise((done) => setTimeout(done, 25));
  }
  return check();
}

/** Whether some `warden hook serve` answers for `spool`: opening its FIFO to write without blocking succeeds only with a reader. */
function daemonAnswers(spool: string): boolean {
  try {
    closeSync(openSync(join(fastPathDir(spool, UID), "requests"), constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false;
  }
}

function daemonPids(spool: string): number[] {
  const ps = spawnSync("pgrep", ["-f", `hook serve --spool-dir ${spool}( |$)`], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** What a spawned client printed and how it exited. */
function collect(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on("close", (status) => done({ status, stdout, stderr })));
}

/**
 * A stand-in daemon made by the test itself: the private directory and FIFO, each request read
 * as the protocol says, and the answer the test chooses (a frame, or raw bytes to test the client).
 */
function fakeDaemon(spool: string) {
  const dir = fastPathDir(spool, UID);
  for (const sub of ["q", "a"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  execFileSync("mkfifo", ["-m", "600", join(dir, "requests")]);
  const fd = openSync(join(dir, "requests"), constants.O_RDWR | constants.O_NONBLOCK);
  let pending = "";
  const readLine = async (): Promise<string> => {
    const chunk = Buffer.alloc(65536);
    for (;;) {
      const newline = pending.indexOf("\n");
      if (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        return line;
      }
      try {
        pending += chunk.subarray(0, readSync(fd, chunk)).toString("utf8");
      } catch {
        await new Promise((done) => setTimeout(done, 5)); // EAGAIN
      }
    }
  };
  return {
    async next(answer: FastPathAnswer | Buffer) {
      const line = JSON.parse(await readLine()) as { id: string; request?: unknown };
      const viaQueue = line.request === undefined;
      const body = viaQueue ? JSON.parse(readFileSync(join(dir, "q", line.id), "utf8")) : line.request;
      const bytes = Buffer.isBuffer(answer) ? answer : encodeAnswer(answer);
      writeFileSync(join(dir, "a", `.${line.id}.tmp`), bytes);
      renameSync(join(dir, "a", `.${line.id}.tmp`), join(dir, "a", line.id));
      return { id: line.id, viaQueue, body };
    },
    close: () => closeSync(fd),
  };
}

beforeAll(() => {
  ensureBuilt();
  expect(existsSync(CLIENT)).toBe(true); // CI machines have a C compiler: the build must produce it
  expect(runWarden(["policy", "compile", "policy.toml", "-o", policy], tree.dir).status).toBe(0);
});

afterEach(() => {
  for (const child of daemons.splice(0)) child.kill("SIGKILL");
});

afterAll(() => {
  for (const spool of readdirSync(tree.dir).filter((name) => name.startsWith("spool"))) {
    for (const pid of daemonPids(join(tree.dir, spool))) process.kill(pid, "SIGKILL");
  }
  tree.cleanup();
});

describe("the answer frame (fast-path.ts)", () => {
  it("round-trips responses byte for byte and turns anything else into a fallback", () => {
    const response = { exitCode: 2 as const, stdout: "é\n{}", stderr: "Blocked 😀\n" };
    expect(decodeAnswer(encodeAnswer({ response }))).toEqual({ response });
    expect(decodeAnswer(encodeAnswer({ fallback: "the daemon could not decide" }))).toEqual({
      fallback: "the daemon could not decide",
    });
    for (const bad of ["", "response 0 1 0", "response 1 0 0\n", "response 0 5 0\nabc", "respond 0 0 0\n", "{}"]) {
      expect(decodeAnswer(Buffer.from(bad))).toEqual({ fallback: "malformed answer" });
    }
  });
});

describe("dist/warden-hook-client (the native fast-path client)", () => {
  it("answers through the daemon exactly as the standalone hook does, with no node to fall back on", async () => {
    const spool = join(tree.dir, "spool-same");
    await daemonFor(spool);
    for (const command of ["rm -r build", "ls -la", "echo ok > /dev/null && rm -r x"]) {
      const fast = native(spool, event(command, tree.dir), noNode);
      const alone = standalone(join(tree.dir, "spool-same-alone"), event(command, tree.dir));
      expect({ status: fast.status, stdout: fast.stdout, stderr: fast.stderr }).toEqual({
        status: alone.status,
        stdout: alone.stdout,
        stderr: alone.stderr,
      });
    }
    expect(verifySpool(spool)).toMatchObject({ ok: true, records: 3 });
  });

  it("sends the request fast-path.ts defines: stdin, argv and environment exactly (JSON escaping)", async () => {
    const spool = join(tree.dir, "spool-protocol");
    const fake = fakeDaemon(spool);
    // Every control character, quotes, backslashes, DEL, multi-byte text and a BOM: any bytes that are UTF-8.
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join("");
    const stdin = `\ufeff${controls}"\\/\u007f é ∑ 😀 \u2028${"z".repeat(5000)}`;
    const answer = { response: { exitCode: 2 as const, stdout: "out é\n", stderr: "Blocked: \u0000 why\n" } };
    const hookEnv = { ...noNode, WARDEN_HOOK_POLICY: '/p/"x\\y"', HOME: "/home/ü", USER: "a\tb", LOGNAME: "" };
    delete (hookEnv as Record<string, string | undefined>).WARDEN_SPOOL_DIR;
    const child = spawn(CLIENT, [STANDALONE, "--policy=/pol\ticy", "--spool-dir", spool, "--deadline-ms", "900"], {
      env: hookEnv,
    });
    const output = collect(child);
    child.stdin.end(stdin);
    const request = await fake.next(answer);
    expect(request.id).toMatch(REQUEST_ID);
    expect(request.viaQueue).toBe(true); // over PIPE_BUF: through q/<id>
    expect(request.body).toEqual({
      v: FAST_PATH_VERSION,
      argv: ["--policy=/pol\ticy", "--spool-dir", spool, "--deadline-ms", "900"],
      env: { WARDEN_HOOK_POLICY: '/p/"x\\y"', HOME: "/home/ü", USER: "a\tb", LOGNAME: "" },
      stdin: { text: stdin },
      uptimeMs: expect.any(Number),
    });
    expect(await output).toEqual({ status: 2, stdout: answer.response.stdout, stderr: answer.response.stderr });
    // A small request goes on the FIFO line itself.
    const small = spawn(CLIENT, [STANDALONE, "--spool-dir", spool], { env: noNode });
    const smallOutput = collect(small);
    small.stdin.end("{}");
    const line = await fake.next({ response: { exitCode: 0, stdout: "", stderr: "" } });
    expect(line.viaQueue).toBe(false);
    expect(line.body).toMatchObject({ argv: ["--spool-dir", spool], stdin: { text: "{}" } });
    expect(await smallOutput).toEqual({ status: 0, stdout: "", stderr: "" });
    fake.close();
  });

  it("never prints an answer it cannot read: a malformed or fallback answer goes to the standalone hook", async () => {
    const spool = join(tree.dir, "spool-malformed");
    const fake = fakeDaemon(spool);
    for (const bad of [
      Buffer.from("response 1 0 0\n"),
      Buffer.from("response 0 9 0\nshort"),
      encodeAnswer({ fallback: "x" }),
    ]) {
      const child = spawn(CLIENT, [STANDALONE, "--spool-dir", spool], { env: noNode });
      const output = collect(child);
      child.stdin.end("{}");
      await fake.next(bad);
      const run = await output;
      expect(run.status).toBe(2); // it went for node, which this PATH lacks
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("cannot start node");
    }
    fake.close();
  });

  it("assembles stdin written in pieces and sends large requests through the private queue", async () => {
    const spool = join(tree.dir, "spool-pieces");
    await daemonFor(spool);
    const big = event(`echo ${"x".repeat(300_000)} && rm -r build`, tree.dir);
    const child = spawn(CLIENT, [STANDALONE, "--policy", policy, "--spool-dir", spool], { env: noNode });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((done) => child.on("exit", done));
    child.stdin.write(big.slice(0, 1000));
    await new Promise((done) => setTimeout(done, 50));
    child.stdin.end(big.slice(1000));
    expect(await exited).toBe(0);
    expect(stdout).toContain("no-rm");
    const dir = fastPathDir(spool, UID);
    expect(readdirSync(join(dir, "q"))).toEqual([]);
    expect(readdirSync(join(dir, "a"))).toEqual([]);
  });

  it("decides standalone, on the same stdin, when there is no daemon", () => {
    const spool = join(tree.dir, "spool-none");
    const run = native(spool, event("rm -r build", tree.dir));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no-rm");
    expect(verifySpool(spool)).toMatchObject({ ok: true, records: 1 });
    // And without node it cannot: it fails closed, never open.
    const stuck = native(join(tree.dir, "spool-none-2"), event("ls", tree.dir), noNode);
    expect(stuck.status).toBe(2);
    expect(stuck.stderr).toMatch(/^Blocked by Warden: the hook cannot start node \(.+\); failing closed\n$/);
  });

  it("hands stdin that is not UTF-8, or over 8 MiB, to the standalone hook byte for byte", async () => {
    const spool = join(tree.dir, "spool-odd");
    await daemonFor(spool);
    const latin1 = Buffer.concat([
      Buffer.from(event("rm -r build", tree.dir).slice(0, -2)),
      Buffer.from([0xff, 0x22, 0x7d]),
    ]);
    const huge = event(`echo ${"y".repeat(9 * 1024 * 1024)}`, tree.dir);
    for (const stdin of [latin1, huge]) {
      expect(native(spool, stdin, noNode).status).toBe(2); // not through the daemon: it needed node
      const fast = native(spool, stdin);
      const alone = standalone(join(tree.dir, "spool-odd-alone"), stdin);
      expect([fast.status, fast.stdout, fast.stderr]).toEqual([alone.status, alone.stdout, alone.stderr]);
    }
  });

  it("falls back on options it does not know and on relative paths, so the standalone hook words them", async () => {
    const spool = join(tree.dir, "spool-args");
    await daemonFor(spool);
    for (const extra of [["--verbose"], ["--daemon", "sometimes"], ["--deadline-ms", "10"], ["--spool-dir", "rel"]]) {
      expect(native(spool, event("ls", tree.dir), noNode, extra).status).toBe(2);
      const fast = native(spool, event("ls", tree.dir), env, extra);
      const alone = standalone(spool, event("ls", tree.dir), extra);
      expect([fast.status, fast.stdout, fast.stderr]).toEqual([alone.status, alone.stdout, alone.stderr]);
    }
    const relative = { ...noNode, WARDEN_HOOK_POLICY: "policy.json" };
    const noPolicyFlag = spawnSync(CLIENT, [STANDALONE, "--spool-dir", spool], {
      input: event("ls", tree.dir),
      env: relative,
      encoding: "utf8",
    });
    expect(noPolicyFlag.status).toBe(2); // relative WARDEN_HOOK_POLICY: not through the daemon
  });

  it("a client binary that cannot run at all (built for another machine) leaves the event to node", () => {
    const copy = join(tree.dir, "copy");
    mkdirSync(join(copy, "bin"), { recursive: true });
    mkdirSync(join(copy, "dist"));
    for (const file of ["bin/warden", "bin/warden-hook.cjs"]) copyFileSync(join(ROOT, file), join(copy, file));
    for (const file of ["hook.cjs", "hook.cjs.cache", "hook-client.cjs"]) {
      symlinkSync(join(ROOT, "dist", file), join(copy, "dist", file));
    }
    writeFileSync(join(copy, "dist/warden-hook-client"), "\x7fELF not for this machine", { mode: 0o755 });
    const spool = join(tree.dir, "spool-foreign-binary");
    const run = spawnSync(join(copy, "bin/warden"), ["hook", "--policy", policy, "--spool-dir", spool], {
      input: event("rm -r build", tree.dir),
      env,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no-rm");
    expect(run.stderr).toMatch(/warden-hook-client/); // sh says why it could not run it
    expect(verifySpool(spool)).toMatchObject({ ok: true, records: 1 });
  });

  it("gives up on a hung daemon after 500 ms and decides standalone, losing nothing", async () => {
    const spool = join(tree.dir, "spool-hung");
    await daemonFor(spool);
    const daemon = daemons.at(-1)!;
    daemon.kill("SIGSTOP");
    try {
      const started = Date.now();
      const run = native(spool, event("rm -r build", tree.dir));
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("no-rm");
    } finally {
      daemon.kill("SIGCONT");
    }
    expect(verifySpool(spool).ok).toBe(true);
  });

  it("passes a stdin that never closes to the standalone hook's watchdog within the deadline", () => {
    const spool = join(tree.dir, "spool-open");
    // `sleep` holds the pipe's write end open past the deadline.
    const script = `(printf '%s' "$1"; sleep 1.5) | "$2" "$3" --policy "$4" --spool-dir "$5" --deadline-ms 400`;
    const started = Date.now();
    const run = spawnSync("sh", ["-c", script, "sh", event("ls", tree.dir), CLIENT, STANDALONE, policy, spool], {
      env,
      encoding: "utf8",
      timeout: 20_000,
    });
    const alone = spawnSync(
      "sh",
      ["-c", script, "sh", event("ls", tree.dir), process.execPath, STANDALONE, policy, join(spool, "alone")],
      { env: { ...env, WARDEN_HOOK_STANDALONE: "1" }, encoding: "utf8", timeout: 20_000 },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([run.status, run.stdout, run.stderr]).toEqual([alone.status, alone.stdout, alone.stderr]);
    expect(run.status === 2 || run.stdout.includes("deny")).toBe(true); // fail_closed: the watchdog denies
  });
});

describe("--daemon auto", () => {
  it("starts one detached daemon for the user when none runs, and later hooks use it", async () => {
    const spool = join(tree.dir, "spool-auto");
    const first = spawnSync(
      join(ROOT, "bin/warden"),
      ["hook", "--policy", policy, "--spool-dir", spool, "--daemon", "auto"],
      {
        input: event("rm -r build", tree.dir),
        env,
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(first.status).toBe(0); // decided standalone, at once
    expect(first.stdout).toContain("no-rm");
    // The first hook made the spool; the next finds it and starts the daemon (and decides itself).
    // The daemon keeps none of the hook's descriptors: Codex sees every pipe close as the hook exits.
    const second = spawn(CLIENT, [STANDALONE, "--policy", policy, "--spool-dir", spool, "--daemon", "auto"], {
      env,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
    });
    const extra = new Promise<void>((closed) => (second.stdio[3] as NodeJS.ReadableStream).on("end", closed));
    extra.catch(() => {});
    (second.stdio[3] as NodeJS.ReadableStream).resume();
    const secondRun = collect(second);
    second.stdin!.end(event("ls", tree.dir));
    expect(await secondRun).toEqual({ status: 0, stdout: "", stderr: "" });
    await extra;
    expect(await eventually(() => daemonAnswers(spool))).toBe(true);
    const fast = native(spool, event("rm -r build", tree.dir), noNode, ["--daemon", "auto"]);
    expect(fast.stdout).toContain("no-rm");
    expect(daemonPids(spool)).toHaveLength(1);
    expect(verifySpool(spool)).toMatchObject({ ok: true, records: 3 });

    // Its FIFO removed (as when the spool is deleted), the daemon stops by itself.
    const [pid] = daemonPids(spool);
    execFileSync("rm", [join(fastPathDir(spool, UID), "requests")]);
    expect(await eventually(() => daemonPids(spool).length === 0)).toBe(true);
    expect(pid).toBeGreaterThan(0);

    // A daemon that just started (or failed to) is not started again for AUTOSTART_RETRY_MS.
    native(spool, event("ls", tree.dir), env, ["--daemon", "auto"]);
    await new Promise((done) => setTimeout(done, 700));
    expect(daemonPids(spool)).toEqual([]);
    const old = (Date.now() - AUTOSTART_RETRY_MS - 1000) / 1000;
    utimesSync(autostartStamp(spool, UID), old, old);
    native(spool, event("ls", tree.dir), env, ["--daemon", "auto"]);
    expect(await eventually(() => daemonAnswers(spool))).toBe(true);
    for (const daemon of daemonPids(spool)) process.kill(daemon, "SIGTERM");
  });

  it("the node client starts it the same way: once per retry window, never without --daemon auto", async () => {
    const spool = join(tree.dir, "spool-auto-node");
    const started: string[] = [];
    const attempt = (argv: string[]) =>
      tryFastPath({
        argv: ["--policy", policy, "--spool-dir", spool, ...argv],
        env: {},
        uid: UID,
        pid: process.pid,
        readStdin: async () => ({ text: event("ls", tree.dir) }),
        uptimeMs: () => 1,
        startDaemon: (dir) => started.push(dir),
      });
    expect(await attempt(["--daemon", "auto"])).toMatchObject({ fallback: "no daemon" });
    expect(started).toEqual([]); // no spool yet: the standalone hook makes it first
    mkdirSync(spool);
    expect(await attempt([])).toMatchObject({ fallback: "no daemon" });
    expect(started).toEqual([]);
    expect(await attempt(["--daemon", "auto"])).toMatchObject({ fallback: "no daemon" });
    expect(await attempt(["--daemon", "auto"])).toMatchObject({ fallback: "no daemon" });
    expect(started).toEqual([spool]);
    expect(claimAutostart(spool, UID, Date.now() + AUTOSTART_RETRY_MS + 1)).toBe(true);
    // A stamp that is not a plain file of the user's is never trusted to allow a start.
    const foreign = join(tree.dir, "spool-foreign");
    execFileSync("mkdir", ["-p", autostartStamp(foreign, UID)]);
    expect(claimAutostart(foreign, UID, Date.now())).toBe(false);
    // Nor followed when it is a symbolic link, even to a file of the user's.
    const linked = join(tree.dir, "spool-linked");
    const target = join(tree.dir, "precious.txt");
    mkdirSync(linked);
    writeFileSync(target, "keep");
    utimesSync(target, 1, 1);
    symlinkSync(target, autostartStamp(linked, UID));
    expect(claimAutostart(linked, UID, Date.now())).toBe(false);
    expect([readFileSync(target, "utf8"), statSync(target).mtimeMs]).toEqual(["keep", 1000]);
  });

  it("hook serve refuses to start a second daemon for the same spool", async () => {
    const spool = join(tree.dir, "spool-twice");
    await daemonFor(spool);
    const second = runWarden(["hook", "serve", "--spool-dir", spool], tree.dir, env);
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain("another warden hook serve is answering");
    expect(native(spool, event("rm -r build", tree.dir), noNode).stdout).toContain("no-rm");
  });

  it("hook serve --idle-exit stops the daemon after that long without an event", async () => {
    const spool = join(tree.dir, "spool-idle");
    const child = await startHookDaemon(spool, env, ["--idle-exit", "1"]);
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).toBe(0);
    expect(out).toContain("stopped (no event for 1 s)");
    expect(existsSync(join(fastPathDir(spool, UID), "requests"))).toBe(false);
    const bad = runWarden(["hook", "serve", "--spool-dir", spool, "--idle-exit", "0"], tree.dir, env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--idle-exit must be a whole number of seconds");
  });
});

// Keep the client's compiled-in constants in step with the TypeScript side.
describe("the native client's constants", () => {
  it("match fast-path.ts and hook-options.ts", async () => {
    const source = readFileSync(join(ROOT, "packages/agent/native/warden-hook-client.c"), "utf8");
    const fastPath = await import("../../packages/agent/src/hook/fast-path.ts");
    const { HOOK_DEFAULTS } = await import("../../packages/agent/src/hook/hook-options.ts");
    const define = (name: string) => new RegExp(`#define ${name} (.+)`).exec(source)?.[1];
    expect(define("FAST_PATH_VERSION")).toBe(String(fastPath.FAST_PATH_VERSION));
    expect(define("FAST_PATH_WAIT_MS")).toBe(String(fastPath.FAST_PATH_WAIT_MS));
    expect(define("DEFAULT_SPOOL_DIR")).toBe(JSON.stringify(HOOK_DEFAULTS.spoolDir));
    expect(define("DEFAULT_DEADLINE_MS")).toBe(String(HOOK_DEFAULTS.deadlineMs));
    expect(define("MAX_STDIN_BYTES")).toBe(`(${HOOK_DEFAULTS.maxStdinBytes / 1024 / 1024}L * 1024 * 1024)`);
    expect(define("AUTOSTART_RETRY_SECONDS")).toBe(String(fastPath.AUTOSTART_RETRY_MS / 1000));
    expect(define("AUTOSTART_IDLE_EXIT_SECONDS")).toBe(`"${fastPath.AUTOSTART_IDLE_EXIT_SECONDS}"`);
    for (const name of fastPath.FORWARDED_ENV) expect(source).toContain(`"${name}"`);
  });
});
