// Spawn-test support for the hook bundle: builds dist-like bundles into temp directories, writes
// policies and events, runs the hook as Codex does (stdin JSON, EOF) and reads the spool back.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compileHookPolicy, type SpoolRecordV1 } from "@warden/core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { listSpoolFiles } from "../spool/spool-state.ts";

/** The repository root (the build script lives there). */
export const ROOT = resolve(import.meta.dirname, "../../../..");

type BuildHook = (outfile: string) => Promise<{ bytes: number; inputs: string[] }>;

/** Builds the hook bundle exactly as `npm run build` does, into `dir`. */
export async function buildHookBundle(dir: string): Promise<{ file: string; bytes: number; inputs: string[] }> {
  const script = pathToFileURL(join(ROOT, "scripts/build-hook.mjs")).href;
  const { buildHook } = (await import(script)) as { buildHook: BuildHook };
  const file = join(dir, "hook.cjs");
  return { file, ...(await buildHook(file)) };
}

/** A temp directory removed by `cleanup`. */
export function tempDir(prefix = "warden-hook-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Compiles policy TOML and writes the JSON the hook loads; returns its path. */
export function writePolicy(dir: string, toml: string, now = new Date(), name = "hook-policy.json"): string {
  const { value, diagnostics } = compileHookPolicy(toml, { now });
  if (value === null) throw new Error(`policy does not compile: ${JSON.stringify(diagnostics)}`);
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

/** A hook event as Codex 0.169.0 sends it (real sample shape), with overrides. */
export function hookEvent(fields: Record<string, unknown> = {}): string {
  const event: Record<string, unknown> = {
    session_id: "01a1ff9e-1113-78d1-bc95-e0218495e292",
    turn_id: "01a1ff9e-1129-7851-a320-120356cae850",
    transcript_path: null,
    cwd: tmpdir(),
    hook_event_name: "PreToolUse",
    model: "mock-model",
    permission_mode: "bypassPermissions",
    tool_name: "Bash",
    tool_input: { command: "echo hello" },
    tool_use_id: "mock-call-0",
    ...fields,
  };
  for (const [key, value] of Object.entries(event)) if (value === undefined) delete event[key];
  return JSON.stringify(event);
}

/** The environment hooks run with: the test's, without NODE_EXTRA_CA_CERTS and the overrides. */
export function hookEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  if (!("WARDEN_HOOK_POLICY" in extra)) delete env.WARDEN_HOOK_POLICY;
  if (!("WARDEN_SPOOL_DIR" in extra)) delete env.WARDEN_SPOOL_DIR;
  return env;
}

/** What Codex would have received from one hook run. */
export interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How stdin reaches the hook: `pipe` as Codex gives it (a real pipe; node's own spawn would give
 * a socket), `socket` as node's spawn gives it (the hook's fallback reader), `file` redirected.
 */
export type StdinKind = "pipe" | "socket" | "file";

let inputCounter = 0;

function spawnArgs(bundle: string, stdin: string | Buffer, args: string[], via: StdinKind) {
  if (via === "socket") return { file: process.execPath, argv: [bundle, ...args], input: stdin };
  const inputFile = join(tmpdir(), `warden-hook-input-${process.pid}-${inputCounter++}`);
  writeFileSync(inputFile, stdin);
  const script =
    via === "pipe"
      ? 'f=$0; cat "$f" | "$@"; s=$?; rm -f "$f"; exit $s'
      : 'f=$0; "$@" < "$f"; s=$?; rm -f "$f"; exit $s';
  return { file: "/bin/sh", argv: ["-c", script, inputFile, process.execPath, bundle, ...args], input: "" };
}

/** Runs the bundle once with `stdin`, waiting for it to exit. */
export function runHookBundle(
  bundle: string,
  stdin: string | Buffer,
  args: string[],
  env = hookEnv(),
  via: StdinKind = "pipe",
): HookRun {
  const { file, argv, input } = spawnArgs(bundle, stdin, args, via);
  const run = spawnSync(file, argv, { input, env, encoding: "utf8", timeout: 15_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the bundle without waiting (for concurrency), resolving when it exits. */
export function runHookAsync(bundle: string, stdin: string, args: string[], env = hookEnv()): Promise<HookRun> {
  return new Promise((resolvePromise, reject) => {
    const { file, argv } = spawnArgs(bundle, stdin, args, "pipe");
    const child = spawn(file, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** Every record in a spool directory, in file and line order. */
export function readSpool(dir: string): SpoolRecordV1[] {
  try {
    return listSpoolFiles(dir).flatMap((name) =>
      readFileSync(join(dir, name), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as SpoolRecordV1),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** True when this process may mount file systems (tmpfs tests need root). */
export function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = tempDir("warden-mount-");
  try {
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.dir]).status === 0;
    if (mounted) spawnSync("umount", [probe.dir]);
    return mounted;
  } finally {
    probe.cleanup();
  }
}

/** The policy the spawn tests decide with: a deny, a log, a PermissionRequest, a path and a prompt rule. */
export const TEST_POLICY = `
version = 1
default = "allow"
fail_closed = true

[[rules]]
id = "no-force-push"
decision = "deny"
reason = "force pushes rewrite shared history"
command = ["git", "push", ["--force", "-f"]]

[[rules]]
id = "log-curl"
decision = "log"
reason = "network access is audited"
command = ["curl"]

[[rules]]
id = "no-escalated-touch"
decision = "deny"
reason = "no writes outside the workspace"
events = ["PermissionRequest"]
command = ["touch"]

[[rules]]
id = "no-ssh-keys"
decision = "deny"
reason = "ssh keys stay private"
paths = ["~/.ssh/**"]
path_access = "read"

[[rules]]
id = "no-keys-in-prompts"
decision = "deny"
reason = "prompts must not carry private keys"
events = ["UserPromptSubmit"]
prompt_regex = "BEGIN [A-Z ]*PRIVATE KEY"
`;

/** The deny Codex receives for `git push --force` under `TEST_POLICY`. */
export const DENY_PUSH =
  '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"Blocked by Warden policy rule no-force-push: force pushes rewrite shared history"}}\n';

/** Per file: the bundle built once; per test: a temp dir with `policyToml` compiled and a spool path. */
export function useHookFixture(policyToml: string) {
  const fixture = { bundle: "", dir: "", policy: "", spool: "" };
  const build = tempDir("warden-hook-bundle-");
  let work: ReturnType<typeof tempDir> | null = null;
  beforeAll(async () => {
    fixture.bundle = (await buildHookBundle(build.dir)).file;
  }, 60_000);
  afterAll(() => build.cleanup());
  beforeEach(() => {
    work = tempDir();
    fixture.dir = work.dir;
    fixture.policy = writePolicy(work.dir, policyToml);
    fixture.spool = join(work.dir, "spool");
  });
  afterEach(() => work?.cleanup());
  return fixture;
}
