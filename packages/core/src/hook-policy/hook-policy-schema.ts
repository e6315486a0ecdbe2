/**
 * The hook policy TOML format (docs/hook-policy.md) as serde-style schemas: the single source for
 * type checking (hook-policy-types.ts) and for schemas/hook-policy.schema.json.
 */
import {
  bool,
  type Infer,
  type JsonSchema,
  map,
  optional,
  required,
  type Schema,
  seq,
  string,
  stringEnum,
  struct,
  toJsonSchemaDocument,
  u16,
  untagged,
} from "../serde/index.ts";
import { unexpectedOf } from "../serde/rust-display.ts";
import { fail, invalidType, ok } from "../serde/serde-error.ts";
import { TomlDateTime } from "../toml/toml-value.ts";
import { HOOK_DECISIONS } from "./hook-decision.ts";
import { HOOK_POLICY_EVENTS } from "./hook-policy-event.ts";

/** `deny`, `log` or `allow`. */
export const decisionSchema = stringEnum("Decision", HOOK_DECISIONS, {
  description: "`deny` blocks the call, `log` lets it run and records it, `allow` lets it run.",
});

const eventSchema = stringEnum("HookEvent", HOOK_POLICY_EVENTS, { description: "A Codex hook event." });

const names = (description: string) => optional(seq(string()), { description });

/** An offset date-time (`2027-01-01T00:00:00Z`); a string is accepted and checked afterwards. */
function offsetDateTime(): Schema<string> {
  const expecting = "a date-time with a UTC offset";
  return {
    expecting,
    deserialize(value) {
      if (value instanceof TomlDateTime) {
        return value.kind === "offset-date-time"
          ? ok(value.text)
          : fail(`expected a date-time with a UTC offset such as 2027-01-01T00:00:00Z, found \`${value.text}\``);
      }
      return typeof value === "string" ? ok(value) : fail(invalidType(unexpectedOf(value), expecting));
    },
    toJsonSchema: () => ({ type: "string", format: "date-time" }),
  };
}

/** One element of a command prefix pattern: a token or a list of alternative tokens. */
const commandTokenSchema = untagged("CommandToken", [string(), seq(string())], {
  description: "One argv token, or a list of alternative tokens for this position.",
});

/** One `[[rules]]` entry. */
export const ruleSchema = struct(
  "Rule",
  {
    id: required(string(), { description: "Stable identifier, reported in verdicts and audit events." }),
    decision: required(decisionSchema),
    reason: required(string(), { description: "Shown to the model and the user when the rule decides." }),
    events: optional(seq(eventSchema), {
      description: "Events the rule applies to. Default: PreToolUse and PermissionRequest.",
    }),
    tools: optional(string(), {
      description:
        "Codex hook matcher over the tool name: `*`/empty = all, `A|B` exact names, else an unanchored Rust regex.",
    }),
    command: optional(seq(commandTokenSchema), {
      description: "Command prefix, Codex `prefix_rule` style: each element a token or a list of alternatives.",
    }),
    command_regex: optional(string(), {
      description: "JavaScript regex over each simple command (argv joined by spaces, or its source text).",
    }),
    paths: names("Path globs the call reads or writes."),
    path_access: optional(stringEnum("PathAccess", ["read", "write", "any"]), {
      description: "Which accesses `paths` applies to. Default: any.",
    }),
    domains: names("Network destinations, as Codex domain patterns (`*.example.com`, `**.example.com`)."),
    mcp_servers: names("MCP server name patterns (`*` and `?` globs)."),
    mcp_tools: names("MCP tool name patterns (`*` and `?` globs)."),
    prompt_regex: optional(string(), { description: "JavaScript regex over the prompt (UserPromptSubmit)." }),
    tiers: names("Trust tiers of the repository the call runs in."),
    users: names("User name patterns."),
    hosts: names("Host name patterns (case-insensitive)."),
  },
  { denyUnknownFields: true, description: "A rule: every condition given must hold; within a list, any element." },
);

/** One `[tiers.<name>]` table. */
export const tierSchema = struct(
  "Tier",
  {
    paths: names("Globs over the repository root and the working directory."),
    remotes: names("Git remote patterns (`github.com/acme/infra`, any URL form)."),
    default: optional(decisionSchema, {
      description: "Replaces the policy's `default` (PreToolUse, PermissionRequest) in repositories of this tier.",
    }),
    unanalysable: optional(decisionSchema, {
      description:
        "Replaces the policy's `unanalysable` in this tier. Default: `deny` when this tier's default is deny.",
    }),
  },
  { denyUnknownFields: true, description: "How a repository gets this trust tier." },
);

const eventDefaultsSchema = struct(
  "EventDefaults",
  Object.fromEntries(HOOK_POLICY_EVENTS.map((event) => [event, optional(decisionSchema)])) as Record<
    (typeof HOOK_POLICY_EVENTS)[number],
    ReturnType<typeof optional<Infer<typeof decisionSchema>>>
  >,
  { denyUnknownFields: true, description: "Per-event decision when no rule matches." },
);

/** The whole hook policy file. */
export const hookPolicySchema = struct(
  "HookPolicyToml",
  {
    version: required(u16(), { description: "Format version; must be 1." }),
    default: required(decisionSchema, {
      description: "Decision for a PreToolUse / PermissionRequest call (each simple command) no rule matches.",
    }),
    unanalysable: optional(decisionSchema, {
      description: "Decision for commands Warden cannot analyse. Default: `deny` when `default` is deny, else `log`.",
    }),
    fail_closed: optional(bool(), {
      description: "Deny when the hook cannot decide (missing, corrupt or expired policy, bad input). Default: false.",
    }),
    expires_at: optional(offsetDateTime(), { description: "After this instant the policy no longer loads." }),
    default_tier: optional(string(), { description: "Tier of a repository no tier pattern matches." }),
    event_defaults: optional(eventDefaultsSchema),
    tiers: optional(map(tierSchema), { description: "Trust tiers; the first one (in file order) that matches wins." }),
    rules: optional(seq(ruleSchema), { description: "Rules; the strictest matching decision wins." }),
  },
  { denyUnknownFields: true, description: "A Warden hook policy." },
);

/** A rule as written, after type checking. */
export type RuleToml = Infer<typeof ruleSchema>;
/** A tier as written, after type checking. */
export type TierToml = Infer<typeof tierSchema>;
/** The top level as written, after type checking. */
export type HookPolicyToml = Infer<typeof hookPolicySchema>;

/** schemas/hook-policy.schema.json. */
export function buildHookPolicyJsonSchema(): JsonSchema {
  return toJsonSchemaDocument(hookPolicySchema, {
    id: "https://warden.dev/schemas/hook-policy.schema.json",
    title: "Warden hook policy",
    description:
      "The TOML file admins write to decide what `warden hook` allows, logs and denies (docs/hook-policy.md).",
  });
}
