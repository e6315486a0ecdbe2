import { homedir, hostname as osHostname, userInfo } from "node:os";
import { detectRepo, HOOK_DEFAULTS } from "@warden/agent";
import {
  evaluateToolCall,
  HOOK_POLICY_EVENTS,
  type HookPolicyEvent,
  renderDiagnostic,
  renderHookResponse,
} from "@warden/core";
import { redactSecrets } from "@warden/core/hook-runtime";
import type { Command } from "commander";
import { requireDirectory } from "../adapters/input-files.ts";
import { readHookPolicy } from "../adapters/read-hook-policy.ts";
import { ExitCode } from "../exit-codes.ts";
import { type CheckReport, renderCheckText } from "../render/check-text.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden check`. */
export interface CheckOptions {
  event: string;
  tool?: string;
  command?: string;
  input?: string;
  prompt?: string;
  cwd?: string;
  policy?: string;
  user?: string;
  host?: string;
  json?: boolean;
}

const TOOL_EVENTS: readonly string[] = ["PreToolUse", "PermissionRequest", "PostToolUse"];

function toolInputOf(options: CheckOptions): unknown {
  if (options.input !== undefined) {
    if (options.command !== undefined) throw new CliFailure(ExitCode.usage, "--input conflicts with --command");
    try {
      return JSON.parse(options.input);
    } catch (error) {
      throw new CliFailure(ExitCode.usage, `--input: invalid JSON: ${(error as Error).message}`);
    }
  }
  if (options.command !== undefined) return { command: options.command };
  throw new CliFailure(ExitCode.usage, `--event ${options.event} needs --command or --input`);
}

function currentUser(env: Readonly<Record<string, string | undefined>>): string | null {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? null;
  }
}

/** Builds the report `warden check` prints: the verdict, the analysis and what Codex would receive. */
export function runCheck(options: CheckOptions, context: CommandContext): CheckReport {
  const { io } = context;
  if (!(HOOK_POLICY_EVENTS as readonly string[]).includes(options.event)) {
    throw new CliFailure(ExitCode.usage, `--event ${options.event}: not one of ${HOOK_POLICY_EVENTS.join(", ")}`);
  }
  const event = options.event as HookPolicyEvent;
  const isTool = TOOL_EVENTS.includes(event);
  const policyFile = options.policy ?? HOOK_DEFAULTS.policyPath;
  const read = readHookPolicy("--policy", policyFile, io.cwd);
  if (read.policy === null) {
    for (const d of read.diagnostics) io.stderr(`${renderDiagnostic(d, read.text)}\n`);
    throw new CliFailure(ExitCode.usage, `--policy ${policyFile}: does not compile`);
  }
  const cwd = options.cwd ? requireDirectory("--cwd", options.cwd, io.cwd) : io.cwd;
  const repo = detectRepo(cwd);
  const toolName = isTool ? (options.tool ?? "Bash") : null;
  const verdict = evaluateToolCall(read.policy, {
    event,
    toolName,
    toolInput: isTool ? toolInputOf(options) : undefined,
    prompt: options.prompt ?? null,
    cwd,
    repo,
    user: options.user ?? currentUser(io.env),
    host: options.host ?? osHostname(),
    home: io.env.HOME ?? homedir(),
  });
  return {
    policy: policyFile,
    revision: read.policy.revision,
    event,
    tool: toolName,
    cwd,
    repo,
    ...verdict,
    // The hook redacts the reason before answering (a default's explanation quotes the command).
    codexReceives: renderHookResponse(event, { ...verdict, reason: redactSecrets(verdict.reason).text }),
  };
}

/** `warden check`: what the hook would decide for one call, without running anything. */
export function registerCheckCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("check")
    .description("Decide one hook event with a policy, like `warden hook` would, and explain why; runs nothing")
    .option("--event <event>", `the hook event (${HOOK_POLICY_EVENTS.join(", ")})`, "PreToolUse")
    .option("--tool <name>", "tool_name (default: Bash on tool events)")
    .option("--command <text>", "the shell command (tool_input.command)")
    .option("--input <json>", "the whole tool_input as JSON (other tools)")
    .option("--prompt <text>", "the prompt (UserPromptSubmit)")
    .option("--cwd <dir>", "the session's working directory (default: the current directory)")
    .option("--policy <file>", `hook policy TOML or compiled JSON (default: ${HOOK_DEFAULTS.policyPath})`)
    .option("--user <name>", "the user name rules match (default: the current user)")
    .option("--host <name>", "the host name rules match (default: this host)")
    .option("--json", "print one JSON object")
    .action((options: CheckOptions) => {
      const report = runCheck(options, context);
      context.io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderCheckText(report));
      setExit(report.decision === "deny" ? ExitCode.problemsFound : ExitCode.ok);
    });
}
