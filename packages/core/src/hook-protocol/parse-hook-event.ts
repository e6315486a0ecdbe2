import {
  type HookEventInput,
  type HookEventName,
  type HookFieldType,
  isHookEventName,
  REQUIRED_HOOK_FIELDS,
} from "./hook-event-input.ts";

/** Why stdin is not a usable hook event; `event` is the event name when it could be read. */
export interface HookEventError {
  readonly code: "empty" | "invalid_json" | "not_object" | "unknown_event" | "missing_field" | "invalid_field";
  readonly message: string;
  readonly event: HookEventName | null;
}

/** The outcome of `parseHookEvent`: the event, or why there is none. */
export type HookEventParse = { readonly event: HookEventInput } | { readonly error: HookEventError };

function fieldMatches(type: HookFieldType, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "string?":
      return value === null || typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "any":
      return value !== undefined;
  }
}

const TYPE_NAMES: Record<HookFieldType, string> = {
  string: "a string",
  "string?": "a string or null",
  boolean: "a boolean",
  any: "present",
};

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function optionalString(raw: Record<string, unknown>, key: string): string | null {
  const value = raw[key];
  return typeof value === "string" ? value : null;
}

/**
 * Validates the JSON Codex writes to a hook's stdin (hooks-execpolicy-spec §1.8) against the
 * required fields of its event. Unknown extra fields are tolerated (newer Codex versions add some);
 * every problem is returned as a typed error, never thrown.
 */
export function parseHookEvent(stdin: string): HookEventParse {
  if (stdin.trim() === "") return { error: { code: "empty", message: "stdin is empty", event: null } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdin);
  } catch (error) {
    // V8 quotes the start of the input in its message; that text may hold a secret, so drop it.
    const why = (error as Error).message.replace(/,?\s*".*" is not valid JSON$/s, "").slice(0, 120);
    return { error: { code: "invalid_json", message: `stdin is not valid JSON: ${why}`, event: null } };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { error: { code: "not_object", message: `stdin is ${describe(parsed)}, not a JSON object`, event: null } };
  }
  const raw = parsed as Record<string, unknown>;
  const name = raw.hook_event_name;
  if (typeof name !== "string") {
    const message = name === undefined ? "missing field `hook_event_name`" : "field `hook_event_name` is not a string";
    return { error: { code: name === undefined ? "missing_field" : "invalid_field", message, event: null } };
  }
  if (!isHookEventName(name)) {
    const shown = JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
    return { error: { code: "unknown_event", message: `unknown hook event ${shown}`, event: null } };
  }
  for (const [field, type] of Object.entries(REQUIRED_HOOK_FIELDS[name])) {
    const value = raw[field];
    if (value === undefined) {
      return { error: { code: "missing_field", message: `${name}: missing field \`${field}\``, event: name } };
    }
    if (!fieldMatches(type, value)) {
      const message = `${name}: field \`${field}\` must be ${TYPE_NAMES[type]}, got ${describe(value)}`;
      return { error: { code: "invalid_field", message, event: name } };
    }
  }
  const isTool = "tool_name" in REQUIRED_HOOK_FIELDS[name];
  return {
    event: {
      name,
      sessionId: raw.session_id as string,
      turnId: optionalString(raw, "turn_id"),
      cwd: raw.cwd as string,
      transcriptPath: optionalString(raw, "transcript_path"),
      model: optionalString(raw, "model"),
      permissionMode: optionalString(raw, "permission_mode"),
      toolName: isTool ? (raw.tool_name as string) : null,
      toolInput: isTool ? raw.tool_input : undefined,
      toolUseId: optionalString(raw, "tool_use_id"),
      prompt: name === "UserPromptSubmit" ? (raw.prompt as string) : null,
      stopHookActive: raw.stop_hook_active === true,
      raw,
    },
  };
}
