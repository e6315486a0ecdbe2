/**
 * The hook events of Codex 0.169.0 and the per-event rules discovery applies
 * (hooks-execpolicy-spec §1.1, §1.4, §1.5; order and rules probed with `hooks/list`).
 */
export interface HookEventSpec {
  /** The key in `hooks.json` / `[hooks]`, e.g. `PreToolUse` (also Rust's `Debug` name). */
  readonly configName: string;
  /** The app-server spelling in `hooks/list`, e.g. `preToolUse`. */
  readonly wireName: string;
  /** The snake_case label used in hook keys and trust hashes, e.g. `pre_tool_use`. */
  readonly keyLabel: string;
  /** False for events whose matcher Codex forces to `None` (and never validates). */
  readonly usesMatcher: boolean;
  /** True for events that keep `additionalContextLimit`; others drop it with a warning. */
  readonly emitsAdditionalContext: boolean;
  /** True for events whose timeout defaults to 1 s and is clamped to 1..=3 s. */
  readonly shortTimeout: boolean;
}

function spec(
  configName: string,
  keyLabel: string,
  usesMatcher: boolean,
  emitsAdditionalContext: boolean,
  shortTimeout = false,
): HookEventSpec {
  const wireName = configName.charAt(0).toLowerCase() + configName.slice(1);
  return { configName, wireName, keyLabel, usesMatcher, emitsAdditionalContext, shortTimeout };
}

/** Every event in the order `HookEventsToml::into_matcher_groups` yields them (= display order). */
export const HOOK_EVENTS: readonly HookEventSpec[] = [
  spec("PreModelRequest", "pre_model_request", false, false),
  spec("PostModelRequest", "post_model_request", false, false),
  spec("PreToolUse", "pre_tool_use", true, true),
  spec("PermissionRequest", "permission_request", true, false),
  spec("PostToolUse", "post_tool_use", true, true),
  spec("PreCompact", "pre_compact", true, false),
  spec("PostCompact", "post_compact", true, false),
  spec("SessionStart", "session_start", true, true),
  spec("SessionEnd", "session_end", true, false, true),
  spec("UserPromptSubmit", "user_prompt_submit", false, true),
  spec("SubagentStart", "subagent_start", true, true),
  spec("SubagentStop", "subagent_stop", true, false),
  spec("Stop", "stop", false, false),
  spec("Interrupt", "interrupt", false, false, true),
];

/** The default command/MCP hook timeout in seconds (discovery.rs `normalize_command_hook`). */
export const DEFAULT_HOOK_TIMEOUT_SEC = 600n;
/** The SessionEnd/Interrupt default timeout in seconds (`SESSION_END_DEFAULT_TIMEOUT_SEC`). */
export const SHORT_HOOK_TIMEOUT_DEFAULT_SEC = 1n;
/** The SessionEnd/Interrupt maximum timeout in seconds (`SESSION_END_MAX_TIMEOUT_SEC`). */
export const SHORT_HOOK_TIMEOUT_MAX_SEC = 3n;
/** The `additionalContextLimit` Codex treats as "unset" when hashing (`DEFAULT_HOOK_OUTPUT_TOKEN_LIMIT`). */
export const DEFAULT_ADDITIONAL_CONTEXT_LIMIT = 2500n;
