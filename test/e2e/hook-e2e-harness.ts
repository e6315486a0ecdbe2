// End-to-end harness for Warden's managed hook: a real `codex exec` (Codex 0.169.0) against a
// scripted mock model, with the hook installed the way an admin installs it
// (`bin/warden hook install --etc-dir ETC --policy POLICY.toml`) and ETC shown to Codex as
// /etc/codex by test/oracle/with-etc-codex.sh (private mount namespace; needs root).
//
// Each scenario gets a scratch directory:
//   home/      CODEX_HOME (optional config.toml)
//   project/   the cwd, `git init`ed, with the scenario's files (e.g. build/artifact.txt)
//   outside/   a directory outside the workspace (escalated commands write here)
//   etc/       requirements.toml + warden/hook-policy.json, written by `warden hook install`
//   spool/     the hook's spool (WARDEN_SPOOL_DIR, inherited by the hook from Codex's env)
// and returns what the model saw (the mock's request log, function_call_output texts), the
// `hook:` lines Codex printed, the files in project/ and outside/, and the spool records with
// the verdict of `verifySpool`.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { listSpoolFiles, verifySpool } from "@warden/agent";
import type { SpoolRecordV1, SpoolVerification } from "@warden/core/hook-runtime";
import { ensureBuilt } from "../cli/built-cli.ts";
import {
  CALL_PREFIX,
  type ModelScript,
  offeredToolNames,
  type RecordedRequest,
  type ResponseItem,
  startScriptedModel,
} from "./scripted-model.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CODEX_BIN =
  process.env.WARDEN_E2E_CODEX_BIN ??
  join(ROOT, "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex");
export const WITH_ETC = join(ROOT, "test/oracle/with-etc-codex.sh");
export const WARDEN = join(ROOT, "bin/warden");

/** Why the end-to-end suite cannot run here, or null when it can. */
export function e2eSkipReason(): string | null {
  if (process.platform !== "linux") return "the Codex end-to-end tests need Linux (mount namespaces)";
  if (process.getuid?.() !== 0) {
    return "the Codex end-to-end tests need root: /etc/codex is swapped per process with `unshare -m` + overlayfs";
  }
  if (!existsSync(CODEX_BIN)) return `the Codex binary is missing (${CODEX_BIN}); run npm install`;
  const probe = spawnSync("unshare", ["-m", "true"], { encoding: "utf8" });
  if (probe.status !== 0) return `\`unshare -m\` does not work here: ${probe.stderr || probe.error?.message}`;
  return null;
}

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSource(path));
    return /\.ts$/.test(entry.name) && !entry.name.endsWith(".test.ts")
      ? Math.max(newest, statSync(path).mtimeMs)
      : newest;
  }, 0);
}

/**
 * Builds dist/ when it is missing (the hook Codex runs is `bin/warden hook` → dist/hook.cjs), and
 * says so when the bundle is older than its sources: these tests prove the built hook, not the
 * sources (rebuilding here would race the other spawn tests that use dist/).
 */
export function prepareE2e(): void {
  ensureBuilt();
  const built = statSync(join(ROOT, "dist/hook.cjs")).mtimeMs;
  const sources = ["agent", "core", "protocol"].map((name) => newestSource(join(ROOT, "packages", name, "src")));
  if (Math.max(...sources) > built) {
    console.warn("hook e2e: dist/hook.cjs is older than packages/*/src; run `npm run build` to test the current code");
  }
}

// ── Concurrency: at most N `codex exec` processes at once (each hook event spawns node too) ─────

const SLOTS = Math.max(1, Number(process.env.WARDEN_E2E_CONCURRENCY ?? 2));
let active = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(run: () => Promise<T>): Promise<T> {
  if (active >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await run();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

// ── Scenario ──────────────────────────────────────────────────────────────────────────────────

/** The paths of one scenario's scratch directory. */
export interface ScenarioPaths {
  readonly work: string;
  readonly home: string;
  readonly project: string;
  readonly outside: string;
  readonly etc: string;
  readonly spool: string;
  /** The compiled policy `warden hook install` wrote (etc/warden/hook-policy.json). */
  readonly policyJson: string;
}

export interface Scenario {
  /** The hook policy (TOML), installed with `warden hook install --etc-dir etc --policy policy.toml`. */
  readonly policy: string;
  /** `--events` for `hook install` (default: what the policy needs). */
  readonly events?: readonly string[];
  /** What the mock model does; a function gets the scratch paths (for absolute paths in arguments). */
  readonly script: ModelScript | ((paths: ScenarioPaths) => ModelScript);
  readonly prompt?: string;
  /** Files to create in project/ (relative path → contents). Default: build/artifact.txt. */
  readonly projectFiles?: Record<string, string | Buffer>;
  /** $CODEX_HOME/config.toml (e.g. MCP servers); `${PROJECT}`, `${WORK}`, `${ROOT}`, `${NODE}` are substituted. */
  readonly userConfig?: string;
  /** `-m MODEL` (default `mock-model`: an unknown slug, so Codex sends classic function tools). */
  readonly model?: string;
  /** `-s MODE`; null omits it (with `approveForMe` Codex then runs workspace-write). Default danger-full-access. */
  readonly sandbox?: string | null;
  /** `--approve-for-me`: approval on-request, escalations go to PermissionRequest hooks, then automatic review. */
  readonly approveForMe?: boolean;
  /** Extra `codex exec` arguments (before the prompt). */
  readonly extraArgs?: readonly string[];
  /** Runs after the install, before Codex starts (e.g. to corrupt the compiled policy). */
  readonly afterInstall?: (paths: ScenarioPaths) => void;
  readonly timeoutMs?: number;
}

/** One tool call the model made and the output Codex sent back for it. */
export interface ToolExchange {
  readonly callId: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  /** The `function_call_output` text the model saw next, or null if none came back. */
  readonly output: string | null;
}

export interface ScenarioResult {
  readonly paths: ScenarioPaths;
  readonly install: { readonly status: number | null; readonly stdout: string; readonly stderr: string };
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** `hook: …` lines on Codex's stderr, prefix removed (`PreToolUse`, `PreToolUse Blocked`, …). */
  readonly hookLines: readonly string[];
  /** Every request Codex sent the mock. */
  readonly requests: readonly RecordedRequest[];
  /** The tool names offered to the model in its main requests. */
  readonly offeredTools: readonly string[];
  readonly toolCalls: readonly ToolExchange[];
  /** Did any main request reach the model (false when the prompt was blocked)? */
  readonly modelSawPrompt: boolean;
  /** Files (relative paths, `/`-separated, sorted) in project/ (without .git) and outside/. */
  readonly projectFiles: readonly string[];
  readonly outsideFiles: readonly string[];
  readonly spool: readonly SpoolRecordV1[];
  readonly spoolText: string;
  /** Every file of the spool directory (day files and state.json) by name, to re-verify copies. */
  readonly spoolFiles: Readonly<Record<string, string>>;
  readonly spoolVerification: SpoolVerification | null;
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.name === ".git") return [];
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split("\\").join("/")];
    })
    .sort();
}

function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) {
    return output.map((part) => (typeof part === "object" && part && "text" in part ? String(part.text) : "")).join("");
  }
  return JSON.stringify(output);
}

/** Main-agent requests: the ones that offer a shell tool (side requests and reviews do not). */
function mainRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.decision.startsWith("step ") || r.decision === "final-message");
}

/** The tool calls of the conversation, with the outputs Codex returned, from the longest history sent. */
export function toolExchanges(requests: readonly RecordedRequest[]): ToolExchange[] {
  let input: readonly ResponseItem[] = [];
  for (const r of mainRequests(requests)) if ((r.body?.input?.length ?? 0) >= input.length) input = r.body!.input!;
  const outputs = new Map<string, string>();
  for (const item of input) {
    if ((item.type === "function_call_output" || item.type === "custom_tool_call_output") && item.call_id) {
      outputs.set(item.call_id, outputText(item.output));
    }
  }
  return input
    .filter(
      (item) =>
        (item.type === "function_call" || item.type === "custom_tool_call") && item.call_id?.startsWith(CALL_PREFIX),
    )
    .map((item) => ({
      callId: item.call_id!,
      name: item.name ?? "",
      arguments:
        item.type === "custom_tool_call"
          ? { input: item.input }
          : (JSON.parse(item.arguments ?? "{}") as Record<string, unknown>),
      output: outputs.get(item.call_id!) ?? null,
    }));
}

function readSpool(dir: string): { records: SpoolRecordV1[]; text: string; files: Record<string, string> } {
  if (!existsSync(dir)) return { records: [], text: "", files: {} };
  const text = listSpoolFiles(dir)
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("");
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith(".")) files[entry.name] = readFileSync(join(dir, entry.name), "utf8");
  }
  const records = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SpoolRecordV1);
  return { records, text, files };
}

function codexEnv(paths: ScenarioPaths): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    "OPENAI_API_KEY",
    "CODEX_API_KEY",
    "OPENAI_BASE_URL",
    "CODEX_SQLITE_HOME",
    "WARDEN_HOOK_POLICY",
    "WARDEN_SPOOL_DIR",
  ]) {
    delete env[key];
  }
  return {
    ...env,
    CODEX_HOME: paths.home,
    MOCK_API_KEY: "dummy",
    WARDEN_SPOOL_DIR: paths.spool,
    NO_COLOR: "1",
    RUST_BACKTRACE: "0",
  };
}

function run(
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; timedOut: boolean; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    // stdin is /dev/null: `codex exec` appends piped stdin to the prompt otherwise.
    const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM"); // the wrapper forwards it to codex
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, timedOut, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function substitute(text: string, paths: ScenarioPaths): string {
  return text
    .replaceAll("${PROJECT}", paths.project)
    .replaceAll("${WORK}", paths.work)
    .replaceAll("${ROOT}", ROOT)
    .replaceAll("${NODE}", process.execPath);
}

/** Sets up the scratch tree and installs the policy; exported for tests of the install itself. */
export function setUpScenario(scenario: Scenario): {
  paths: ScenarioPaths;
  install: ScenarioResult["install"];
} {
  const work = mkdtempSync(join(tmpdir(), "warden-hook-e2e-"));
  const paths: ScenarioPaths = {
    work,
    home: join(work, "home"),
    project: join(work, "project"),
    outside: join(work, "outside"),
    etc: join(work, "etc"),
    spool: join(work, "spool"),
    policyJson: join(work, "etc", "warden", "hook-policy.json"),
  };
  for (const dir of [paths.home, paths.project, paths.outside, paths.etc]) mkdirSync(dir, { recursive: true });
  const files = scenario.projectFiles ?? { "build/artifact.txt": "keep me\n" };
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(paths.project, path)), { recursive: true });
    writeFileSync(join(paths.project, path), contents);
  }
  const git = spawnSync("git", ["init", "-q", paths.project], { encoding: "utf8" });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
  if (scenario.userConfig !== undefined) {
    writeFileSync(join(paths.home, "config.toml"), substitute(scenario.userConfig, paths));
  }
  const policyFile = join(work, "policy.toml");
  writeFileSync(policyFile, scenario.policy);
  const args = ["hook", "install", "--etc-dir", paths.etc, "--policy", policyFile];
  if (scenario.events) args.push("--events", scenario.events.join(","));
  const installed = spawnSync(WARDEN, args, { cwd: work, encoding: "utf8", timeout: 30_000 });
  const install = { status: installed.status, stdout: installed.stdout, stderr: installed.stderr };
  if (installed.status !== 0) {
    throw new Error(`warden hook install failed (${installed.status}):\n${installed.stdout}${installed.stderr}`);
  }
  scenario.afterInstall?.(paths);
  return { paths, install };
}

/**
 * Runs one scenario: scratch tree, `warden hook install`, the scripted mock, one `codex exec`
 * turn under the /etc/codex wrapper, then collects everything. At most WARDEN_E2E_CONCURRENCY
 * (default 2) scenarios run Codex at once. The scratch tree is removed unless WARDEN_E2E_KEEP=1.
 */
export function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  return withSlot(async () => {
    const { paths, install } = setUpScenario(scenario);
    const script = typeof scenario.script === "function" ? scenario.script(paths) : scenario.script;
    const model = await startScriptedModel(script);
    try {
      const sandbox = scenario.sandbox === undefined ? "danger-full-access" : scenario.sandbox;
      const args = [
        "exec",
        "--skip-git-repo-check",
        "--color",
        "never",
        "-c",
        'model_provider="mock"',
        "-c",
        'model_providers.mock.name="mock"',
        "-c",
        `model_providers.mock.base_url="${model.url}"`,
        "-c",
        'model_providers.mock.wire_api="responses"',
        "-c",
        'model_providers.mock.env_key="MOCK_API_KEY"',
        "-m",
        scenario.model ?? "mock-model",
        ...(sandbox === null ? [] : ["-s", sandbox]),
        ...(scenario.approveForMe ? ["--approve-for-me"] : []),
        ...(scenario.extraArgs ?? []),
        scenario.prompt ?? "run the commands",
      ];
      const result = await run([WITH_ETC, paths.etc, CODEX_BIN, ...args], {
        cwd: paths.project,
        env: codexEnv(paths),
        timeoutMs: scenario.timeoutMs ?? 60_000,
      });
      const spool = readSpool(paths.spool);
      const main = mainRequests(model.requests);
      const offered = new Set(main.flatMap((r) => offeredToolNames(r.body)));
      return {
        paths,
        install,
        exitCode: result.code,
        timedOut: result.timedOut,
        elapsedMs: result.ms,
        stdout: result.stdout,
        stderr: result.stderr,
        hookLines: result.stderr
          .split("\n")
          .filter((line) => line.startsWith("hook: "))
          .map((line) => line.slice("hook: ".length).trim()),
        requests: model.requests,
        offeredTools: [...offered].sort(),
        toolCalls: toolExchanges(model.requests),
        modelSawPrompt: main.length > 0,
        projectFiles: listFiles(paths.project),
        outsideFiles: listFiles(paths.outside),
        spool: spool.records,
        spoolText: spool.text,
        spoolFiles: spool.files,
        spoolVerification: existsSync(paths.spool) ? verifySpool(paths.spool) : null,
      };
    } finally {
      await model.close();
      if (process.env.WARDEN_E2E_KEEP !== "1") rmSync(paths.work, { recursive: true, force: true });
    }
  });
}

/** A compact description of a run for assertion messages. */
export function describeRun(result: ScenarioResult): string {
  return JSON.stringify(
    {
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      hookLines: result.hookLines,
      toolCalls: result.toolCalls,
      spool: result.spool.map((r) => ({
        event: r.event,
        tool: r.tool,
        decision: r.decision,
        ruleId: r.ruleId,
        failure: r.failure,
      })),
      stderrTail: result.stderr.split("\n").slice(-25).join("\n"),
    },
    null,
    2,
  );
}
