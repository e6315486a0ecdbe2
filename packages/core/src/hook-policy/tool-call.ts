import type { HookPolicyDecisionV1, HookPolicyEventV1 } from "./compiled-hook-policy.ts";
import type { SimpleCommand } from "./shell-analysis.ts";

/** The git repository a call runs in (the hook detects it from the cwd). */
export interface ToolCallRepo {
  readonly root: string;
  readonly remoteUrl: string | null;
  readonly branch: string | null;
}

/** One hook event as the evaluator sees it. */
export interface ToolCall {
  readonly event: HookPolicyEventV1;
  /** `tool_name` on tool events (`Bash`, `apply_patch`, `mcp__<server>__<tool>`), else null. */
  readonly toolName: string | null;
  /** `tool_input`: any JSON. */
  readonly toolInput: unknown;
  /** The prompt text on UserPromptSubmit. */
  readonly prompt?: string | null;
  /** The absolute working directory Codex reports. */
  readonly cwd: string;
  readonly repo: ToolCallRepo | null;
  readonly user: string | null;
  readonly host: string | null;
  /** The user's home directory, for `~/…` globs; without it only literal `~/…` paths in commands match them. */
  readonly home?: string | null;
}

/** A rule that matched some part of the call. */
export interface MatchedRule {
  readonly ruleId: string;
  readonly decision: HookPolicyDecisionV1;
}

/** What the policy decided for a call, and why. */
export interface Verdict {
  readonly decision: HookPolicyDecisionV1;
  /** The deciding rule (the first in file order among the strictest matches), or null for a default. */
  readonly ruleId: string | null;
  /** The rule's reason, or an explanation of the default or unanalysable decision. */
  readonly reason: string;
  /** Every rule that matched, in file order. */
  readonly matched: MatchedRule[];
  /** The simple commands a shell call was analysed into. */
  readonly commands: SimpleCommand[];
  /** Parts of a shell call that could not be analysed. */
  readonly unanalysable: Array<{ reason: string; text: string }>;
  /** The repository's trust tier, or null. */
  readonly tier: string | null;
}
