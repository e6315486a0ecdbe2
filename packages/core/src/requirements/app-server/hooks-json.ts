/**
 * `[hooks]` requirements → `ConfigRequirements.hooks` (observed on 0.169.0).
 *
 * Every event is always listed (empty arrays included) in the order below; `PreModelRequest` and
 * `PostModelRequest` come before the two directories. Directories are printed as written (no
 * resolution). Unknown event names are ignored.
 */
import { isTable, type TomlTable } from "../../toml/toml-value.ts";
import { arrayAt, boolAt, freeformToJson, integerAt, stringAt, tableAt } from "./toml-access.ts";

const EVENTS_BEFORE_DIRS = ["PreModelRequest", "PostModelRequest"] as const;
const EVENTS_AFTER_DIRS = [
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

/** Every hook event name Codex 0.169.0 reads from a managed `[hooks]` table. */
export const MANAGED_HOOK_EVENTS: readonly string[] = [...EVENTS_BEFORE_DIRS, ...EVENTS_AFTER_DIRS];

/** True when `[hooks]` sets a directory or lists at least one matcher group (even without handlers). */
export function hasManagedHooks(hooks: TomlTable | undefined): boolean {
  if (!hooks) return false;
  if (typeof hooks.managed_dir === "string" || typeof hooks.windows_managed_dir === "string") return true;
  return MANAGED_HOOK_EVENTS.some((event) => (arrayAt(hooks, event)?.length ?? 0) > 0);
}

/** The managed hooks object, or null when `hasManagedHooks` is false. */
export function toManagedHooksJson(hooks: TomlTable | undefined): Record<string, unknown> | null {
  if (!hooks || !hasManagedHooks(hooks)) return null;
  const out: Record<string, unknown> = {};
  for (const event of EVENTS_BEFORE_DIRS) out[event] = groupsJson(hooks, event);
  out.managedDir = stringAt(hooks, "managed_dir");
  out.windowsManagedDir = stringAt(hooks, "windows_managed_dir");
  for (const event of EVENTS_AFTER_DIRS) out[event] = groupsJson(hooks, event);
  return out;
}

function groupsJson(hooks: TomlTable, event: string): unknown[] {
  return (arrayAt(hooks, event) ?? []).filter(isTable).map((group) => ({
    matcher: stringAt(group, "matcher"),
    hooks: (arrayAt(group, "hooks") ?? []).filter(isTable).map(handlerJson),
  }));
}

// TOML spellings: `timeout` (→ timeoutSec), `statusMessage`, `commandWindows` or
// `command_windows`, `additionalContextLimit`. `timeoutSec`, `timeout_sec`, `status_message`
// and `additional_context_limit` are silently ignored by 0.169.0.
function handlerJson(handler: TomlTable): Record<string, unknown> {
  const type = stringAt(handler, "type");
  if (type === "command") {
    return {
      type,
      command: stringAt(handler, "command"),
      commandWindows: stringAt(handler, "commandWindows") ?? stringAt(handler, "command_windows"),
      timeoutSec: integerAt(handler, "timeout"),
      async: boolAt(handler, "async") ?? false,
      statusMessage: stringAt(handler, "statusMessage"),
      additionalContextLimit: integerAt(handler, "additionalContextLimit"),
    };
  }
  if (type === "mcp_tool") {
    return {
      type,
      server: stringAt(handler, "server"),
      tool: stringAt(handler, "tool"),
      input: freeformToJson(tableAt(handler, "input") ?? {}),
      timeoutSec: integerAt(handler, "timeout"),
      statusMessage: stringAt(handler, "statusMessage"),
    };
  }
  // `prompt` and `agent` handlers carry no fields in the protocol.
  return { type };
}
