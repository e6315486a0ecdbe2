import { isExactMatcher, isMatchAllMatcher } from "../hooks/hook-entry.ts";
import { checkRustRegex } from "../hooks/rust-regex-check.ts";
import type { KeyPath } from "../toml/toml-value.ts";
import type { Finding } from "../validate/diagnostic-at.ts";
import { closestKey } from "../validate/lints/closest-key.ts";
import type { CompiledHookRuleV1, PathGlobV1, PolicyRegexV1, ToolMatcherV1 } from "./compiled-hook-policy.ts";
import { compileDomainPatterns } from "./domain-pattern.ts";
import { DEFAULT_RULE_EVENTS } from "./hook-policy-event.ts";
import type { RuleToml } from "./hook-policy-schema.ts";
import { compileNamePatterns } from "./name-pattern.ts";
import { compilePathGlob } from "./path-glob.ts";
import { backtrackingRisk, compileJsRegex } from "./policy-regex.ts";
import { translateRustRegex } from "./translate-rust-regex.ts";

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** Compiles one type-checked rule; the value is null when any of its patterns is invalid. */
export function compileHookRule(
  rule: RuleToml,
  path: KeyPath,
  knownTiers: readonly string[],
): { value: CompiledHookRuleV1 | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const error = (code: string, message: string, at: KeyPath) =>
    findings.push({ code, severity: "error", message, path: [...path, ...at] });
  const warn = (code: string, message: string, at: KeyPath) =>
    findings.push({ code, severity: "warning", message, path: [...path, ...at] });

  if (!RULE_ID.test(rule.id))
    error("hook-policy-id", "a rule id is letters, digits, `.`, `_`, `:` and `-`, starting with a letter or digit", [
      "id",
    ]);
  if (rule.reason.trim() === "")
    error("hook-policy-reason", "the reason is shown to the model and the user; it cannot be blank", ["reason"]);

  const lists = ["events", "paths", "domains", "mcp_servers", "mcp_tools", "tiers", "users", "hosts"] as const;
  for (const key of lists) {
    if (rule[key]?.length === 0)
      error("hook-policy-pattern", `\`${key} = []\` matches nothing; remove the key to drop the condition`, [key]);
  }

  const tools =
    rule.tools === undefined ? null : compileTools(rule.tools, (m) => error("hook-policy-regex", m, ["tools"]));
  const command = rule.command === undefined ? null : compileCommand(rule.command, error, warn);
  const commandRegex = jsRegex(rule.command_regex, ["command_regex"], error, warn);
  const promptRegex = jsRegex(rule.prompt_regex, ["prompt_regex"], error, warn);

  let paths: PathGlobV1[] | null = null;
  if (rule.paths?.length) {
    paths = [];
    for (const [index, glob] of rule.paths.entries()) {
      const compiled = compilePathGlob(glob, { workspace: true });
      if (compiled.ok) paths.push(...compiled.globs);
      else error("hook-policy-glob", `invalid glob: ${compiled.message}`, ["paths", index]);
    }
  }
  if (rule.path_access !== undefined && rule.paths === undefined)
    error("hook-policy-pattern", "`path_access` applies to `paths`, which this rule does not set", ["path_access"]);

  const listRegex = (
    key: "domains" | "mcp_servers" | "mcp_tools" | "users" | "hosts",
    code: string,
  ): PolicyRegexV1 | null => {
    const list = rule[key];
    if (!list?.length) return null;
    const compiled =
      key === "domains" ? compileDomainPatterns(list) : compileNamePatterns(list, { lowerCase: key === "hosts" });
    if (compiled.ok) return compiled.regex;
    error(code, compiled.message, [key, compiled.index]);
    return null;
  };
  const domains = listRegex("domains", "hook-policy-domain");
  const mcpServers = listRegex("mcp_servers", "hook-policy-pattern");
  const mcpTools = listRegex("mcp_tools", "hook-policy-pattern");
  const users = listRegex("users", "hook-policy-pattern");
  const hosts = listRegex("hosts", "hook-policy-pattern");

  for (const [index, tier] of (rule.tiers ?? []).entries()) {
    if (knownTiers.includes(tier)) continue;
    const suggestion = closestKey(tier, knownTiers);
    const hint = suggestion
      ? `; did you mean \`${suggestion}\`?`
      : knownTiers.length > 0
        ? `; defined tiers: ${knownTiers.map((t) => `\`${t}\``).join(", ")}`
        : "; define it under [tiers] or name it in `default_tier`";
    error("hook-policy-unknown-tier", `unknown tier \`${tier}\`${hint}`, ["tiers", index]);
  }

  if (findings.some((finding) => finding.severity === "error")) return { value: null, findings };
  return {
    value: {
      id: rule.id,
      decision: rule.decision,
      reason: rule.reason.trim(),
      events: [...new Set(rule.events ?? DEFAULT_RULE_EVENTS)],
      tools,
      command,
      commandRegex,
      paths,
      pathAccess: rule.path_access ?? "any",
      domains,
      mcpServers,
      mcpTools,
      promptRegex,
      tiers: rule.tiers ? [...new Set(rule.tiers)] : null,
      users,
      hosts,
    },
    findings,
  };
}

type Report = (code: string, message: string, at: KeyPath) => void;

/** Codex's matcher (hooks-execpolicy-spec §1.5): match-all, exact alternatives, or a Rust regex. */
export function compileTools(matcher: string, report: (message: string) => void): ToolMatcherV1 | null {
  if (isMatchAllMatcher(matcher)) return null;
  if (isExactMatcher(matcher)) return { exact: matcher.split("|") };
  const rustError = checkRustRegex(matcher);
  if (rustError !== null) {
    const detail = rustError.split("\n").find((line) => line.startsWith("error: ")) ?? rustError;
    report(`invalid matcher regex (Codex would skip a hook with it): ${detail.replace(/^error: /, "")}`);
    return null;
  }
  const translated = translateRustRegex(matcher);
  if (translated.ok) return { regex: translated.regex };
  report(`matcher cannot be evaluated by the hook: ${translated.message}`);
  return null;
}

function compileCommand(pattern: ReadonlyArray<string | string[]>, error: Report, warn: Report): string[][] | null {
  if (pattern.length === 0) {
    error("hook-policy-pattern", "a command prefix cannot be empty", ["command"]);
    return null;
  }
  const out: string[][] = [];
  for (const [index, element] of pattern.entries()) {
    const alternatives = typeof element === "string" ? [element] : element;
    if (alternatives.length === 0)
      error("hook-policy-pattern", "a list of alternatives cannot be empty", ["command", index]);
    alternatives.forEach((token, alt) => {
      const at = typeof element === "string" ? ["command", index] : ["command", index, alt];
      if (token.trim() === "") error("hook-policy-pattern", "a command token cannot be empty", at);
      else if (/\s/.test(token))
        warn(
          "hook-policy-token-space",
          `\`${token}\` contains whitespace, so it only matches one quoted argument; write separate tokens (${token
            .split(/\s+/)
            .filter(Boolean)
            .map((t) => `"${t}"`)
            .join(", ")}) to match words`,
          at,
        );
    });
    out.push([...new Set(alternatives)]);
  }
  return out;
}

function jsRegex(pattern: string | undefined, at: KeyPath, error: Report, warn: Report): PolicyRegexV1 | null {
  if (pattern === undefined) return null;
  const compiled = compileJsRegex(pattern);
  if (!compiled.ok) {
    error("hook-policy-regex", compiled.message, at);
    return null;
  }
  const risk = backtrackingRisk(compiled.regex.source);
  if (risk) warn("hook-policy-regex-backtracking", risk, at);
  return compiled.regex;
}
