// Test support for the evaluator tests: compile a policy once, build calls with defaults.
import { compileHookPolicy } from "./compile-hook-policy.ts";
import type { CompiledHookPolicyV1 } from "./compiled-hook-policy.ts";
import { evaluateToolCall } from "./evaluate-tool-call.ts";
import type { ShellAnalyzer } from "./shell-analysis.ts";
import type { ToolCall, Verdict } from "./tool-call.ts";

/** The clock every fixture compiles at. */
export const FIXTURE_NOW = new Date("2026-11-22T00:00:00Z");

/** Compiles policy TOML, failing the test on any error. */
export function policyOf(toml: string): CompiledHookPolicyV1 {
  const result = compileHookPolicy(toml, { now: FIXTURE_NOW });
  if (result.value === null) throw new Error(`fixture does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.value;
}

/** A PreToolUse Bash call in /home/u/repo (a clone of github.com/acme/app) by alice on laptop-1. */
export function callOf(overrides: Partial<ToolCall> & { command?: string } = {}): ToolCall {
  const { command, ...rest } = overrides;
  return {
    event: "PreToolUse",
    toolName: "Bash",
    toolInput: { command: command ?? "true" },
    cwd: "/home/u/repo",
    repo: { root: "/home/u/repo", remoteUrl: "https://github.com/acme/app.git", branch: "main" },
    user: "alice",
    host: "laptop-1",
    home: "/home/u",
    ...rest,
  };
}

/** The verdict's decision and rule id, `decision:ruleId` (`-` for none), for compact tables. */
export function decide(policy: CompiledHookPolicyV1, call: ToolCall, shell?: ShellAnalyzer): string {
  const verdict: Verdict = evaluateToolCall(policy, call, shell);
  return `${verdict.decision}:${verdict.ruleId ?? "-"}`;
}
