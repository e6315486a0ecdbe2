/**
 * The hook events Codex 0.169.0 sends on stdin and the fields each one must carry
 * (hooks-execpolicy-spec §1.8: the stdin schemas embedded in the binary).
 */

/** The events that have a stdin schema in 0.169.0 (PreModelRequest/PostModelRequest are internal). */
export const HOOK_INPUT_EVENTS = [
  "PreToolUse",
  "PermissionRequest",
  "PostToolUse",
  "PreCompact",
  "PostCompact",
  "SessionStart",
  "SessionEnd",
  "UserPromptSubmit",
  "SubagentStart",
  "SubagentStop",
  "Stop",
  "Interrupt",
] as const;

/** One event name Warden's hook understands. */
export type HookEventName = (typeof HOOK_INPUT_EVENTS)[number];

/** What type a stdin field must have: `any` is any JSON value, `string?` also allows null. */
export type HookFieldType = "string" | "string?" | "boolean" | "any";

const COMMON: Record<string, HookFieldType> = {
  session_id: "string",
  transcript_path: "string?",
  cwd: "string",
  hook_event_name: "string",
};
const MODEL = { model: "string", permission_mode: "string" } as const;
const TURN = { turn_id: "string" } as const;
const TOOL = { tool_name: "string", tool_input: "any" } as const;
const STOP = { stop_hook_active: "boolean", last_assistant_message: "string?" } as const;
const AGENT = { agent_id: "string", agent_type: "string" } as const;

/** The required fields per event, with their types (§1.8; optional fields are not listed). */
export const REQUIRED_HOOK_FIELDS: Record<HookEventName, Readonly<Record<string, HookFieldType>>> = {
  PreToolUse: { ...COMMON, ...MODEL, ...TURN, ...TOOL, tool_use_id: "string" },
  PermissionRequest: { ...COMMON, ...MODEL, ...TURN, ...TOOL },
  PostToolUse: { ...COMMON, ...MODEL, ...TURN, ...TOOL, tool_use_id: "string", tool_response: "any" },
  PreCompact: { ...COMMON, model: "string", ...TURN, trigger: "string" },
  PostCompact: { ...COMMON, model: "string", ...TURN, trigger: "string" },
  SessionStart: { ...COMMON, ...MODEL, source: "string" },
  SessionEnd: { ...COMMON, reason: "string" },
  UserPromptSubmit: { ...COMMON, ...MODEL, ...TURN, prompt: "string" },
  SubagentStart: { ...COMMON, ...MODEL, ...TURN, ...AGENT },
  SubagentStop: { ...COMMON, ...MODEL, ...TURN, ...STOP, ...AGENT, agent_transcript_path: "string?" },
  Stop: { ...COMMON, ...MODEL, ...TURN, ...STOP },
  Interrupt: { ...COMMON, ...MODEL, ...TURN },
};

/** Whether `name` is an event Warden's hook understands. */
export function isHookEventName(name: string): name is HookEventName {
  return (HOOK_INPUT_EVENTS as readonly string[]).includes(name);
}

/** A validated hook event: the fields Warden uses, normalized, plus the raw object. */
export interface HookEventInput {
  readonly name: HookEventName;
  readonly sessionId: string;
  readonly turnId: string | null;
  readonly cwd: string;
  readonly transcriptPath: string | null;
  readonly model: string | null;
  readonly permissionMode: string | null;
  /** Tool events only (PreToolUse, PermissionRequest, PostToolUse). */
  readonly toolName: string | null;
  /** Tool events only; undefined elsewhere. */
  readonly toolInput: unknown;
  /** PreToolUse and PostToolUse only (PermissionRequest has none). */
  readonly toolUseId: string | null;
  /** UserPromptSubmit only. */
  readonly prompt: string | null;
  /** Stop and SubagentStop: true when Codex re-enters after a hook blocked the stop. */
  readonly stopHookActive: boolean;
  readonly raw: Readonly<Record<string, unknown>>;
}
