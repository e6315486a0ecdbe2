import { type CompiledHookPolicyV1, HOOK_POLICY_SCHEMA_V1, type HookPolicyDecisionV1 } from "./compiled-hook-policy.ts";
import { HOOK_POLICY_EVENTS } from "./hook-policy-event.ts";
import { preparePolicy } from "./prepare-hook-policy.ts";

/** Why a compiled policy cannot be used: `corrupt` (bad shape), `unsupported` (another schema), `expired`. */
export interface PolicyLoadError {
  readonly code: "corrupt" | "unsupported" | "expired";
  readonly message: string;
}

/** A usable policy (its matchers compiled and cached for `evaluateToolCall`), or why not. */
export type PolicyLoadResult = { readonly policy: CompiledHookPolicyV1 } | { readonly error: PolicyLoadError };

class LoadFailure extends Error {
  constructor(
    readonly code: PolicyLoadError["code"],
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const DECISIONS = new Set(["allow", "log", "deny"]);
const TOP_KEYS = new Set([
  "schema",
  "revision",
  "compiledAt",
  "expiresAt",
  "failClosed",
  "default",
  "unanalysable",
  "eventDefaults",
  "defaultTier",
  "tiers",
  "rules",
]);
const TIER_KEYS = new Set(["name", "paths", "remotes", "default", "unanalysable"]);
const RULE_KEYS = new Set([
  "id",
  "decision",
  "reason",
  "events",
  "tools",
  "command",
  "commandRegex",
  "paths",
  "pathAccess",
  "domains",
  "mcpServers",
  "mcpTools",
  "promptRegex",
  "tiers",
  "users",
  "hosts",
]);
const REGEX_KEYS = ["commandRegex", "domains", "mcpServers", "mcpTools", "promptRegex", "users", "hosts"] as const;

/**
 * Validates a compiled policy read from disk (untrusted JSON) by hand, compiles its regexes once,
 * and checks it has not expired at `now`. Never throws.
 */
export function loadCompiledPolicy(json: unknown, now: Date): PolicyLoadResult {
  try {
    const policy = checkPolicy(json);
    if (policy.expiresAt !== null && Date.parse(policy.expiresAt) <= now.getTime())
      throw new LoadFailure("expired", `it expired at ${policy.expiresAt} (revision ${policy.revision})`);
    try {
      preparePolicy(policy);
    } catch (error) {
      throw new LoadFailure("corrupt", (error as Error).message);
    }
    return { policy };
  } catch (error) {
    if (error instanceof LoadFailure) return { error: { code: error.code, message: error.message } };
    return { error: { code: "corrupt", message: `unexpected content (${(error as Error).message})` } };
  }
}

function corrupt(path: string, what: string): never {
  throw new LoadFailure("corrupt", `\`${path}\` ${what}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) corrupt(path, "is not an object");
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) corrupt(path, "is not an array");
  return value;
}

function str(value: unknown, path: string): string {
  if (typeof value !== "string") corrupt(path, "is not a string");
  return value;
}

function strings(value: unknown, path: string): string[] {
  return array(value, path).map((item, index) => str(item, `${path}[${index}]`));
}

function nullable<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | null {
  return value === null ? null : read(value, path);
}

function time(value: unknown, path: string): string {
  const text = str(value, path);
  if (Number.isNaN(Date.parse(text))) corrupt(path, "is not an ISO-8601 time");
  return text;
}

function decision(value: unknown, path: string): HookPolicyDecisionV1 {
  if (!DECISIONS.has(value as string)) corrupt(path, "is not allow, log or deny");
  return value as HookPolicyDecisionV1;
}

function regex(value: unknown, path: string): void {
  const node = object(value, path);
  str(node.source, `${path}.source`);
  if (!/^[imsu]*$/.test(str(node.flags, `${path}.flags`))) corrupt(`${path}.flags`, "has unknown flags");
}

function globs(value: unknown, path: string): void {
  array(value, path).forEach((item, index) => {
    const node = object(item, `${path}[${index}]`);
    str(node.glob, `${path}[${index}].glob`);
    if (!["absolute", "home", "workspace"].includes(node.base as string))
      corrupt(`${path}[${index}].base`, "is unknown");
    regex(node.regex, `${path}[${index}].regex`);
  });
}

function noUnknownKeys(node: Json, known: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(node)) {
    if (!known.has(key))
      throw new LoadFailure(
        "unsupported",
        `\`${path}${key}\` is not part of ${HOOK_POLICY_SCHEMA_V1}; a newer Warden wrote it`,
      );
  }
}

function checkPolicy(json: unknown): CompiledHookPolicyV1 {
  const top = object(json, "policy");
  if (top.schema !== HOOK_POLICY_SCHEMA_V1) {
    const schema = typeof top.schema === "string" ? `\`${top.schema}\`` : "no schema tag";
    throw new LoadFailure("unsupported", `it has ${schema}; this Warden reads ${HOOK_POLICY_SCHEMA_V1}`);
  }
  noUnknownKeys(top, TOP_KEYS, "");
  str(top.revision, "revision");
  time(top.compiledAt, "compiledAt");
  nullable(top.expiresAt, "expiresAt", time);
  if (typeof top.failClosed !== "boolean") corrupt("failClosed", "is not a boolean");
  decision(top.default, "default");
  decision(top.unanalysable, "unanalysable");
  const defaults = object(top.eventDefaults, "eventDefaults");
  for (const event of HOOK_POLICY_EVENTS) decision(defaults[event], `eventDefaults.${event}`);
  nullable(top.defaultTier, "defaultTier", str);
  array(top.tiers, "tiers").forEach((item, index) => {
    const tier = object(item, `tiers[${index}]`);
    noUnknownKeys(tier, TIER_KEYS, `tiers[${index}].`);
    str(tier.name, `tiers[${index}].name`);
    globs(tier.paths, `tiers[${index}].paths`);
    nullable(tier.remotes, `tiers[${index}].remotes`, regex);
    nullable(tier.default, `tiers[${index}].default`, decision);
    nullable(tier.unanalysable, `tiers[${index}].unanalysable`, decision);
  });
  array(top.rules, "rules").forEach((item, index) => {
    // The exact check builds a path string for every field it reads, which costs milliseconds on
    // a large policy at every hook start; it runs only to name what the quick check rejected.
    if (!ruleLooksValid(item)) checkRule(item, `rules[${index}]`);
  });
  return json as CompiledHookPolicyV1;
}

// ── The quick check: accepts exactly what `checkRule` accepts, builds no strings ──

const EVENT_SET: ReadonlySet<string> = new Set(HOOK_POLICY_EVENTS);
const PATH_ACCESS = new Set(["read", "write", "any"]);
const GLOB_BASES = new Set(["absolute", "home", "workspace"]);
const FLAGS = /^[imsu]*$/;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

function isRegex(value: unknown): boolean {
  return (
    isObject(value) && typeof value.source === "string" && typeof value.flags === "string" && FLAGS.test(value.flags)
  );
}

function isGlobs(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (!isObject(item) || typeof item.glob !== "string" || !GLOB_BASES.has(item.base as string)) return false;
    if (!isRegex(item.regex)) return false;
  }
  return true;
}

function ruleLooksValid(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) if (!RULE_KEYS.has(key)) return false;
  const rule = value;
  if (typeof rule.id !== "string" || typeof rule.reason !== "string" || !DECISIONS.has(rule.decision as string)) {
    return false;
  }
  if (!Array.isArray(rule.events)) return false;
  for (const event of rule.events) if (typeof event !== "string" || !EVENT_SET.has(event)) return false;
  const tools = rule.tools;
  if (tools !== null && !(isObject(tools) && ("exact" in tools ? isStrings(tools.exact) : isRegex(tools.regex)))) {
    return false;
  }
  const command = rule.command;
  if (command !== null) {
    if (!Array.isArray(command) || command.length === 0) return false;
    for (const alternatives of command) if (!isStrings(alternatives)) return false;
  }
  for (const key of REGEX_KEYS) if (rule[key] !== null && !isRegex(rule[key])) return false;
  if (rule.paths !== null && !isGlobs(rule.paths)) return false;
  if (!PATH_ACCESS.has(rule.pathAccess as string)) return false;
  return rule.tiers === null || isStrings(rule.tiers);
}

function checkRule(value: unknown, path: string): void {
  const rule = object(value, path);
  noUnknownKeys(rule, RULE_KEYS, `${path}.`);
  str(rule.id, `${path}.id`);
  decision(rule.decision, `${path}.decision`);
  str(rule.reason, `${path}.reason`);
  for (const event of strings(rule.events, `${path}.events`)) {
    if (!(HOOK_POLICY_EVENTS as readonly string[]).includes(event))
      corrupt(`${path}.events`, `names unknown event ${event}`);
  }
  nullable(rule.tools, `${path}.tools`, (tools, at) => {
    const node = object(tools, at);
    if ("exact" in node) strings(node.exact, `${at}.exact`);
    else regex(node.regex, `${at}.regex`);
  });
  nullable(rule.command, `${path}.command`, (command, at) => {
    const list = array(command, at);
    if (list.length === 0) corrupt(at, "is empty");
    list.forEach((alternatives, index) => {
      strings(alternatives, `${at}[${index}]`);
    });
  });
  for (const key of REGEX_KEYS) nullable(rule[key], `${path}.${key}`, regex);
  nullable(rule.paths, `${path}.paths`, globs);
  if (!["read", "write", "any"].includes(rule.pathAccess as string)) corrupt(`${path}.pathAccess`, "is unknown");
  nullable(rule.tiers, `${path}.tiers`, strings);
}
