/**
 * The Codex hook events a Warden hook policy can name (hooks-execpolicy-spec §1.1, §1.8), and the
 * groups the policy treats alike. Other Codex events (PreCompact, SubagentStart, …) are not routed
 * to `warden hook`.
 */

/** Every event a rule may list, in Codex's display order. */
export const HOOK_POLICY_EVENTS = [
  "PreToolUse",
  "PermissionRequest",
  "PostToolUse",
  "SessionStart",
  "UserPromptSubmit",
  "Stop",
] as const;

/** A hook event a rule may list. */
export type HookPolicyEvent = (typeof HOOK_POLICY_EVENTS)[number];

/** Events that carry a tool call (`tool_name`, `tool_input`). */
export const TOOL_EVENTS: readonly HookPolicyEvent[] = ["PreToolUse", "PermissionRequest", "PostToolUse"];

/** Events that decide whether something may run: `default` and `unanalysable` apply to these. */
export const GATE_EVENTS: readonly HookPolicyEvent[] = ["PreToolUse", "PermissionRequest"];

/** The events a rule applies to when it lists none. */
export const DEFAULT_RULE_EVENTS: readonly HookPolicyEvent[] = GATE_EVENTS;

/** Codex events that exist but are not handled by the Warden hook (for a precise diagnostic). */
export const UNHANDLED_CODEX_EVENTS: readonly string[] = [
  "PreModelRequest",
  "PostModelRequest",
  "PreCompact",
  "PostCompact",
  "SessionEnd",
  "SubagentStart",
  "SubagentStop",
  "Interrupt",
];

/** True for one of the six event names a policy can use. */
export function isHookPolicyEvent(name: unknown): name is HookPolicyEvent {
  return typeof name === "string" && (HOOK_POLICY_EVENTS as readonly string[]).includes(name);
}
