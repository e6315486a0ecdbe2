/**
 * The compiled hook policy: the JSON file `warden sync` writes next to Codex's managed files and
 * `warden hook` loads on every tool call. It is produced from the admin's TOML by core's
 * `compileHookPolicy`; every pattern is already a JavaScript regular expression, so loading it
 * needs no parser. core keeps a structurally identical copy (hook-policy/compiled-hook-policy.ts);
 * a test there fails when the two drift apart.
 */

/** The `schema` tag of version 1. */
export const HOOK_POLICY_SCHEMA_V1 = "warden.hook-policy/v1";

/** What the hook answers: run, run and record, or block. Strictest wins: deny > log > allow. */
export type HookPolicyDecisionV1 = "allow" | "log" | "deny";

/** The Codex hook events a policy can decide. */
export type HookPolicyEventV1 =
  | "PreToolUse"
  | "PermissionRequest"
  | "PostToolUse"
  | "SessionStart"
  | "UserPromptSubmit"
  | "Stop";

/** A JavaScript regular expression, built with `new RegExp(source, flags)`. */
export interface PolicyRegexV1 {
  source: string;
  flags: string;
}

/** A path glob: `regex` is tested against a path made relative to `base` (absolute paths start with `/`). */
export interface PathGlobV1 {
  /** The glob as the admin wrote it. */
  glob: string;
  base: "absolute" | "home" | "workspace";
  regex: PolicyRegexV1;
}

/** Codex's hook matcher over the tool name and its aliases: exact `|`-alternatives, or an unanchored regex. */
export type ToolMatcherV1 = { exact: string[] } | { regex: PolicyRegexV1 };

/** A trust tier and how a repository gets it. */
export interface CompiledHookTierV1 {
  name: string;
  /** Globs over the repository root and the working directory. */
  paths: PathGlobV1[];
  /** One regex over the normalized remote URL (`host/path`, lower case), or null. */
  remotes: PolicyRegexV1 | null;
  /** Replaces the policy's default on PreToolUse and PermissionRequest in this tier, or null. */
  default: HookPolicyDecisionV1 | null;
  /** Replaces the policy's `unanalysable` decision in this tier, or null. */
  unanalysable: HookPolicyDecisionV1 | null;
}

/** One rule; every non-null condition must hold (lists were compiled to one alternation each). */
export interface CompiledHookRuleV1 {
  id: string;
  decision: HookPolicyDecisionV1;
  reason: string;
  events: HookPolicyEventV1[];
  tools: ToolMatcherV1 | null;
  /** A `prefix_rule` pattern: one list of alternative tokens per position. */
  command: string[][] | null;
  commandRegex: PolicyRegexV1 | null;
  paths: PathGlobV1[] | null;
  pathAccess: "read" | "write" | "any";
  /** Over lower-case host names. */
  domains: PolicyRegexV1 | null;
  mcpServers: PolicyRegexV1 | null;
  mcpTools: PolicyRegexV1 | null;
  promptRegex: PolicyRegexV1 | null;
  tiers: string[] | null;
  users: PolicyRegexV1 | null;
  /** Over the lower-case host name. */
  hosts: PolicyRegexV1 | null;
}

/** A whole compiled policy. */
export interface CompiledHookPolicyV1 {
  schema: typeof HOOK_POLICY_SCHEMA_V1;
  /** `sha256:<hex>` of everything except `revision` and `compiledAt`: equal policies, equal revisions. */
  revision: string;
  /** ISO-8601 UTC. */
  compiledAt: string;
  /** ISO-8601 UTC, or null when the policy never expires. */
  expiresAt: string | null;
  /** Whether the hook denies when it cannot decide (missing, corrupt or expired policy, bad input, crash). */
  failClosed: boolean;
  default: HookPolicyDecisionV1;
  unanalysable: HookPolicyDecisionV1;
  /** The decision for a call no rule matches, per event (`default` resolved with `[event_defaults]`). */
  eventDefaults: Record<HookPolicyEventV1, HookPolicyDecisionV1>;
  /** The tier of a repository no tier pattern matches, or null. */
  defaultTier: string | null;
  tiers: CompiledHookTierV1[];
  rules: CompiledHookRuleV1[];
}
