import { chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { HOOK_DEFAULTS } from "@warden/agent";
import {
  HOOK_POLICY_EVENTS,
  hookEventsNeeded,
  type ManagedHooksMerge,
  mergeManagedHooks,
  renderDiagnostic,
  validatePolicyFile,
} from "@warden/core";
import { type ReadHookPolicy, readHookPolicy } from "../adapters/read-hook-policy.ts";
import { shellQuote, wardenBinPath } from "../adapters/warden-bin-path.ts";
import { writeFileAtomic } from "../adapters/write-file-atomic.ts";
import { ExitCode } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden hook install`. */
export interface HookInstallOptions {
  etcDir: string;
  policy?: string;
  events: string[];
  command?: string;
  spoolDir?: string;
  /** False with `--no-daemon`: the command then has no `--daemon auto`. */
  daemon?: boolean;
  force?: boolean;
  json?: boolean;
}

/** What `warden hook install` did. */
export interface HookInstallResult {
  requirements: string;
  change: "created" | "added" | "replaced" | "unchanged";
  policy: string | null;
  revision: string | null;
  managedDir: string;
  spoolDir: string;
  events: string[];
  command: string;
  warnings: string[];
}

/** The Codex hook timeout `hook install` writes; the hook itself answers within 2 s. */
export const HOOK_TIMEOUT_SECONDS = 10;

function parseEvents(values: readonly string[]): string[] {
  const events = values.flatMap((value) => value.split(",").map((event) => event.trim())).filter(Boolean);
  for (const event of events) {
    if (!(HOOK_POLICY_EVENTS as readonly string[]).includes(event)) {
      throw new CliFailure(ExitCode.usage, `--events ${event}: not one of ${HOOK_POLICY_EVENTS.join(", ")}`);
    }
  }
  return HOOK_POLICY_EVENTS.filter((event) => events.includes(event));
}

// The hook's defaults are /etc/codex/warden/hook-policy.json and /var/lib/warden/spool; other places are named.
function defaultCommand(etcDir: string, spoolDir: string, daemon: boolean): string {
  const bin = wardenBinPath();
  if (bin === null) throw new CliFailure(ExitCode.environment, "cannot find bin/warden; pass --command");
  const parts = [shellQuote(bin), "hook"];
  const policyPath = join(etcDir, "warden", "hook-policy.json");
  if (policyPath !== HOOK_DEFAULTS.policyPath) parts.push("--policy", shellQuote(policyPath));
  if (spoolDir !== HOOK_DEFAULTS.spoolDir) parts.push("--spool-dir", shellQuote(spoolDir));
  if (daemon) parts.push("--daemon", "auto");
  return parts.join(" ");
}

function readExisting(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliFailure(ExitCode.environment, `${path}: cannot read: ${(error as Error).message}`);
  }
}

/** Installs the policy (and its signature, when the source has one) next to requirements.toml. */
function installPolicy(source: string, read: ReadHookPolicy, target: string, cwd: string, warnings: string[]): void {
  const text = source.endsWith(".json") ? read.text : `${JSON.stringify(read.policy, null, 2)}\n`;
  writeFileAtomic(target, text.endsWith("\n") ? text : `${text}\n`);
  const sourceSig = `${resolve(cwd, source)}.sig`;
  if (source.endsWith(".json") && existsSync(sourceSig)) copyFileSync(sourceSig, `${target}.sig`);
  else {
    rmSync(`${target}.sig`, { force: true }); // a stale signature would make the hook fail closed
    if (existsSync(join(target, "..", "hook-policy.pub"))) {
      warnings.push("a signing key is pinned (hook-policy.pub) but this policy is unsigned: the hook will fail closed");
    }
  }
}

/**
 * The spool must exist and be writable by the user Codex runs as, or every hook fails closed.
 * Under sudo it is given to the invoking user (a developer machine has one).
 */
function prepareSpool(spoolDir: string, env: CommandContext["io"]["env"], warnings: string[]): void {
  if (existsSync(spoolDir)) return;
  mkdirSync(spoolDir, { recursive: true, mode: 0o770 });
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  if (process.getuid?.() === 0 && Number.isInteger(uid) && Number.isInteger(gid)) chownSync(spoolDir, uid, gid);
  else if (process.getuid?.() === 0) {
    warnings.push(`${spoolDir} is owned by root: make it writable by the users who run Codex (see docs/hook.md)`);
  }
}

function checkMerge(merge: ManagedHooksMerge, path: string, context: CommandContext): string {
  if ("error" in merge) throw new CliFailure(ExitCode.problemsFound, `${path}: ${merge.error.message}`);
  const report = validatePolicyFile({ file: path, text: merge.text, kind: "requirements" });
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return merge.text;
  for (const d of errors) context.io.stderr(`${renderDiagnostic(d, merge.text)}\n`);
  throw new CliFailure(ExitCode.problemsFound, `${path}: the result would not load in Codex; nothing written`);
}

/**
 * `warden hook install`: checks everything first (the policy compiles, the merged
 * requirements.toml passes Codex's schema), then writes the policy, the spool directory and
 * requirements.toml, each atomically, policy first so the hook never points at a missing file.
 */
export function runHookInstall(options: HookInstallOptions, context: CommandContext): HookInstallResult {
  const { io } = context;
  const etcDir = resolve(io.cwd, options.etcDir);
  const spoolDir = resolve(io.cwd, options.spoolDir ?? HOOK_DEFAULTS.spoolDir);
  const read = options.policy === undefined ? null : readHookPolicy("--policy", options.policy, io.cwd);
  if (read !== null && read.policy === null) {
    for (const d of read.diagnostics) io.stderr(`${renderDiagnostic(d, read.text)}\n`);
    throw new CliFailure(ExitCode.problemsFound, `--policy ${options.policy}: does not compile`);
  }
  const events = options.events.length > 0 ? parseEvents(options.events) : hookEventsNeeded(read?.policy ?? null);
  const managedDir = join(etcDir, "warden");
  const command = options.command ?? defaultCommand(etcDir, spoolDir, options.daemon !== false);
  const requirements = join(etcDir, "requirements.toml");
  const spec = { managedDir, command, events, timeout: HOOK_TIMEOUT_SECONDS };
  const merge = mergeManagedHooks(readExisting(requirements), spec, options.force === true);
  const text = checkMerge(merge, requirements, context);
  const warnings: string[] = [];
  const policyPath = join(managedDir, "hook-policy.json");
  try {
    mkdirSync(managedDir, { recursive: true });
    if (read?.policy) installPolicy(options.policy!, read, policyPath, io.cwd, warnings);
    // A staged install (another --etc-dir) leaves this machine's /var/lib alone unless asked.
    if (options.spoolDir !== undefined || etcDir === "/etc/codex") prepareSpool(spoolDir, io.env, warnings);
    if (text !== readExisting(requirements)) writeFileAtomic(requirements, text);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(ExitCode.environment, `hook install: ${(error as Error).message}`);
  }
  return {
    requirements,
    change: "change" in merge ? merge.change : "unchanged",
    policy: read?.policy ? policyPath : null,
    revision: read?.policy?.revision ?? null,
    managedDir,
    spoolDir,
    events,
    command,
    warnings,
  };
}
