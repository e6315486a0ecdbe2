import type { KeyPath } from "../toml/toml-value.ts";
import type { Finding } from "../validate/diagnostic-at.ts";
import type { HookPolicyDecisionV1, HookPolicyEventV1 } from "./compiled-hook-policy.ts";
import { DEFAULT_RULE_EVENTS, GATE_EVENTS, TOOL_EVENTS } from "./hook-policy-event.ts";
import type { RuleToml } from "./hook-policy-schema.ts";
import { TOOL_ALIASES } from "./tool-names.ts";

/** Conditions that only a tool call can satisfy. */
const TOOL_CONDITIONS = ["tools", "command", "command_regex", "paths", "domains", "mcp_servers", "mcp_tools"] as const;

const neverMatches = (path: KeyPath, message: string): Finding => ({
  code: "hook-policy-never-matches",
  severity: "error",
  message: `this rule can never match: ${message}`,
  path,
});

const partly = (path: KeyPath, message: string): Finding => ({
  code: "hook-policy-unreachable-event",
  severity: "warning",
  message,
  path,
});

/**
 * Finds rules whose conditions cannot all hold on any event they list (an error: the rule is
 * dead), and events a rule lists but can never match on (a warning).
 */
export function lintRuleReachability(rule: RuleToml, path: KeyPath): Finding[] {
  const events = rule.events ?? DEFAULT_RULE_EVENTS;
  const toolKeys = TOOL_CONDITIONS.filter((key) => rule[key] !== undefined && !(key === "tools" && isAll(rule.tools!)));
  const toolEvents = events.filter((event) => TOOL_EVENTS.includes(event));
  const out: Finding[] = [];
  if (rule.prompt_regex !== undefined) {
    const at = [...path, "prompt_regex"];
    if (!events.includes("UserPromptSubmit"))
      return [neverMatches(at, "`prompt_regex` only matches on UserPromptSubmit, which `events` does not list")];
    if (toolKeys.length > 0)
      return [
        neverMatches(
          at,
          `\`prompt_regex\` needs UserPromptSubmit but \`${toolKeys[0]}\` needs a tool call; no event has both (split the rule)`,
        ),
      ];
    if (events.length > 1)
      out.push(partly(at, "`prompt_regex` only matches on UserPromptSubmit; the other events listed never match"));
  } else if (toolKeys.length > 0) {
    const at = [...path, toolKeys[0]!];
    if (toolEvents.length === 0)
      return [
        neverMatches(
          at,
          `\`${toolKeys[0]}\` only matches tool calls (${TOOL_EVENTS.join(", ")}), and \`events\` lists none`,
        ),
      ];
    if (toolEvents.length < events.length)
      out.push(partly(at, `\`${toolKeys[0]}\` only matches tool calls; the non-tool events listed never match`));
  }
  const mcpKey = rule.mcp_servers ? "mcp_servers" : rule.mcp_tools ? "mcp_tools" : null;
  const commandKey = rule.command ? "command" : rule.command_regex !== undefined ? "command_regex" : null;
  if (mcpKey && commandKey)
    return [
      neverMatches(
        [...path, mcpKey],
        `MCP tools run no shell command, so \`${mcpKey}\` and \`${commandKey}\` never hold together`,
      ),
    ];
  const exact = rule.tools !== undefined && /^[A-Za-z0-9_|]+$/.test(rule.tools) ? rule.tools.split("|") : null;
  if (exact) {
    const tools = exact.map((name) => canonicalTool(name));
    const needs: Array<[string | null, (tool: string) => boolean, string]> = [
      [commandKey, (t) => t === "Bash", "shell commands (`Bash`)"],
      [mcpKey, (t) => t.startsWith("mcp__"), "MCP tools (`mcp__<server>__<tool>`)"],
      [
        rule.paths ? "paths" : null,
        (t) => t === "Bash" || t === "apply_patch" || t.startsWith("mcp__"),
        "Bash, apply_patch and MCP tools",
      ],
      [rule.domains ? "domains" : null, (t) => t === "Bash" || t.startsWith("mcp__"), "Bash and MCP tools"],
    ];
    for (const [key, fits, what] of needs) {
      if (key && !tools.some(fits))
        return [
          neverMatches([...path, "tools"], `\`${key}\` only applies to ${what}, and \`tools\` names none of them`),
        ];
    }
  }
  return out;
}

function isAll(matcher: string): boolean {
  return matcher === "" || matcher === "*";
}

function canonicalTool(name: string): string {
  for (const [tool, aliases] of Object.entries(TOOL_ALIASES)) if (aliases.includes(name)) return tool;
  return name;
}

/**
 * An `allow` rule whose events all default to `allow` (in every tier it can apply in) changes no
 * decision: allow only ever wins where nothing stricter matched and the default is stricter.
 */
export function lintAllowWithoutEffect(
  rule: RuleToml,
  path: KeyPath,
  eventDefaults: Readonly<Record<HookPolicyEventV1, HookPolicyDecisionV1>>,
  tierDefaults: ReadonlyMap<string, HookPolicyDecisionV1 | null>,
): Finding[] {
  if (rule.decision !== "allow") return [];
  const events = rule.events ?? DEFAULT_RULE_EVENTS;
  const tiers: Array<string | null> = rule.tiers ?? [null, ...tierDefaults.keys()];
  const effective = events.flatMap((event) =>
    GATE_EVENTS.includes(event)
      ? tiers.map((tier) => (tier === null ? null : tierDefaults.get(tier)) ?? eventDefaults[event])
      : [eventDefaults[event]],
  );
  if (effective.length === 0 || !effective.every((decision) => decision === "allow")) return [];
  return [
    {
      code: "hook-policy-no-effect",
      severity: "warning",
      message:
        "an `allow` rule only overrides a stricter default, and every event (and tier) it applies to already defaults to `allow`; it cannot change a decision",
      path: [...path, "decision"],
    },
  ];
}

/** The second and later uses of a rule id. */
export function lintDuplicateIds(rules: ReadonlyArray<{ id: string; path: KeyPath; line: number | null }>): Finding[] {
  const first = new Map<string, { line: number | null }>();
  const out: Finding[] = [];
  for (const rule of rules) {
    const seen = first.get(rule.id);
    if (!seen) {
      first.set(rule.id, rule);
      continue;
    }
    const where = seen.line === null ? "" : ` (first used on line ${seen.line})`;
    out.push({
      code: "hook-policy-duplicate-id",
      severity: "error",
      message: `duplicate rule id \`${rule.id}\`${where}; verdicts and audit events name rules by id`,
      path: [...rule.path, "id"],
    });
  }
  return out;
}
