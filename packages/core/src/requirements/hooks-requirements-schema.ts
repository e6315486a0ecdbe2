/**
 * `[hooks]` in requirements.toml (requirements-spec §1.7, hooks spec §1.4). The event lists are a
 * `#[serde(flatten)]`-ed struct, so every error inside them is reported as `in `hooks``.
 */
import {
  anyValue,
  bool,
  defaulted,
  flatten,
  type Infer,
  map,
  optional,
  path,
  required,
  seq,
  string,
  struct,
  taggedEnum,
  taggedVariant,
  u64,
  usize,
} from "../serde/index.ts";

/** Hook events of Codex 0.169.0, in declaration order. */
export const HOOK_EVENT_NAMES = [
  "PreModelRequest",
  "PreToolUse",
  "PermissionRequest",
  "PostToolUse",
  "PreCompact",
  "PostCompact",
  "SessionStart",
  "SessionEnd",
  "SubagentStart",
  "SubagentStop",
  "UserPromptSubmit",
  "Stop",
  "Interrupt",
] as const;

const commandHandlerSchema = struct(
  "HookHandlerConfig::Command",
  {
    command: required(string(), { description: "Shell command to run." }),
    commandWindows: optional(string(), { description: "Replacement command on Windows." }),
    timeout: optional(u64(), { description: "Seconds before the hook is killed (default 600)." }),
    async: defaulted(bool(), () => false, { description: "Run in the background; cannot block." }),
    statusMessage: optional(string(), { description: "Shown while the hook runs." }),
    additionalContextLimit: optional(usize(), { description: "Token cap for `additionalContext`." }),
  },
  { expecting: "struct variant HookHandlerConfig::Command" },
);

const mcpToolHandlerSchema = struct(
  "HookHandlerConfig::McpTool",
  {
    server: required(string(), { description: "MCP server name." }),
    tool: required(string(), { description: "Tool to call." }),
    input: optional(map(anyValue()), { description: "Tool arguments." }),
    timeout: optional(u64()),
    statusMessage: optional(string()),
  },
  { expecting: "struct variant HookHandlerConfig::McpTool" },
);

/** `HookHandlerConfig` (`#[serde(tag = "type")]`). */
export const hookHandlerSchema = taggedEnum(
  "HookHandlerConfig",
  "type",
  [
    taggedVariant("command", commandHandlerSchema, { description: "Run a shell command." }),
    taggedVariant("mcp_tool", mcpToolHandlerSchema, { description: "Call an MCP tool." }),
    taggedVariant("prompt", undefined, { description: "Parsed but skipped with a warning." }),
    taggedVariant("agent", undefined, { description: "Parsed but skipped with a warning." }),
  ],
  { description: "One hook handler." },
);
/** One managed hook handler. */
export type HookHandlerConfig = Infer<typeof hookHandlerSchema>;

/** `MatcherGroup`: an optional matcher and its handlers. */
export const matcherGroupSchema = struct("MatcherGroup", {
  matcher: optional(string(), { description: "Tool-name matcher: `*`, exact `A|B`, or a regex (searched)." }),
  hooks: defaulted(seq(hookHandlerSchema), () => [], { description: "Handlers run for this group." }),
});
/** One matcher group of a hook event. */
export type MatcherGroup = Infer<typeof matcherGroupSchema>;

const eventFields = Object.fromEntries(
  HOOK_EVENT_NAMES.map((name) => [
    name,
    defaulted(seq(matcherGroupSchema), () => [], { description: `${name} hooks.` }),
  ]),
) as Record<(typeof HOOK_EVENT_NAMES)[number], ReturnType<typeof defaulted<MatcherGroup[]>>>;

/** `HookEventsToml`: event name → matcher groups (unknown events are ignored). */
export const hookEventsSchema = struct("HookEventsToml", eventFields);

/** `ManagedHooksRequirementsToml`; the event lists are under `events`. */
export const managedHooksRequirementsSchema = struct(
  "ManagedHooksRequirementsToml",
  {
    managed_dir: optional(path(), { description: "Source path/key prefix of managed hooks (non-Windows)." }),
    windows_managed_dir: optional(path(), { description: "Same, on Windows." }),
    events: flatten(hookEventsSchema),
  },
  { description: "Managed hooks; with `allow_managed_hooks_only` only these run." },
);
/** The parsed `[hooks]` table. */
export type ManagedHooksRequirementsToml = Infer<typeof managedHooksRequirementsSchema>;
