import type { Schema } from "../serde/schema.ts";
import { isTable, type KeyPath, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { collectSchemaErrors, type SchemaCheck, type SchemaError } from "../validate/collect-schema-errors.ts";
import type { Finding } from "../validate/diagnostic-at.ts";
import { closestKey } from "../validate/lints/closest-key.ts";
import { type DocumentDeserializer, locateSerdeError } from "../validate/locate-serde-error.ts";
import { UNHANDLED_CODEX_EVENTS } from "./hook-policy-event.ts";
import {
  type HookPolicyToml,
  hookPolicySchema,
  type RuleToml,
  ruleSchema,
  type TierToml,
  tierSchema,
} from "./hook-policy-schema.ts";

/** The policy after type checking: parts with type errors are dropped, the rest kept typed. */
export interface TypedHookPolicy {
  /** The top-level settings, or null when a required one is missing or wrong. */
  readonly top: Omit<HookPolicyToml, "rules" | "tiers"> | null;
  /** Every `[[rules]]` entry by index; null where it could not be read. */
  readonly rules: ReadonlyArray<RuleToml | null>;
  /** Every `[tiers.<name>]` in file order; null where it could not be read. */
  readonly tiers: ReadonlyArray<readonly [string, TierToml | null]>;
}

// The required keys of each table, with stand-ins used to look for further errors when one is missing.
const TOP_REQUIRED: TomlTable = { version: 1n, default: "allow" };
const RULE_REQUIRED: TomlTable = { id: "-", decision: "allow", reason: "-" };
// So the top-level check does not descend into rules and tiers (checked one by one).
const RULE_STAND_IN = RULE_REQUIRED;

/**
 * Type-checks a parsed policy document against the schema, reporting every wrong type, missing
 * key and unknown key (with a suggestion) at its exact position, rule by rule and tier by tier.
 */
export function checkHookPolicyTypes(table: TomlTable): { value: TypedHookPolicy; findings: Finding[] } {
  const findings: Finding[] = [];
  const stand = { ...table };
  const rawRules = table.rules;
  const rawTiers = table.tiers;
  if (Array.isArray(rawRules)) stand.rules = rawRules.map((rule) => (isTable(rule) ? RULE_STAND_IN : rule));
  if (isTable(rawTiers))
    stand.tiers = Object.fromEntries(Object.entries(rawTiers).map(([k, v]) => [k, isTable(v) ? {} : v]));
  const top = checkPart(stand, hookPolicySchema, [], findings, TOP_REQUIRED);

  const rules: Array<RuleToml | null> = [];
  if (Array.isArray(rawRules)) {
    rawRules.forEach((rule, index) => {
      rules.push(
        isTable(rule) ? (checkPart(rule, ruleSchema, ["rules", index], findings, RULE_REQUIRED) ?? null) : null,
      );
    });
  }
  const tiers: Array<readonly [string, TierToml | null]> = [];
  if (isTable(rawTiers)) {
    for (const [name, tier] of Object.entries(rawTiers))
      tiers.push([name, isTable(tier) ? (checkPart(tier, tierSchema, ["tiers", name], findings, {}) ?? null) : null]);
  }
  let topValue: TypedHookPolicy["top"] = null;
  if (top) {
    const { rules: _rules, tiers: _tiers, ...rest } = top;
    topValue = rest;
  }
  return { value: { top: topValue, rules, tiers }, findings };
}

function schemaCheck<T>(schema: Schema<T>): { check: SchemaCheck; deserialize: DocumentDeserializer } {
  const deserialize: DocumentDeserializer = (table) => {
    const result = schema.deserialize(table, "toml");
    return result.ok ? null : result.error;
  };
  const check: SchemaCheck = (table) => {
    const error = deserialize(table);
    if (!error) return null;
    const path = locateSerdeError(table, error, deserialize);
    return { message: error.message.trimEnd(), path, atKey: /^(unknown|duplicate) field/.test(error.message) };
  };
  return { check, deserialize };
}

// Checks one table; returns its typed value (without the keys that had errors), or undefined.
function checkPart<T>(
  table: TomlTable,
  schema: Schema<T>,
  base: KeyPath,
  findings: Finding[],
  required: TomlTable,
): T | undefined {
  const { check } = schemaCheck(schema);
  const missing = Object.keys(required).filter((key) => !Object.hasOwn(table, key));
  for (const key of missing)
    findings.push({ code: "hook-policy-type", severity: "error", message: `missing key \`${key}\``, path: base });
  const filled =
    missing.length === 0 ? table : { ...table, ...Object.fromEntries(missing.map((k) => [k, required[k]!])) };
  const result = collectSchemaErrors(filled, check);
  const removedKeys = new Set(result.removed.map((path) => path.join("\u0000")));
  let onlyUnknownKeys = true;
  for (const error of result.errors) {
    // `missing field` caused only by removing the bad key is a consequence, not a second mistake.
    const missing = /^missing field `([^`]*)`/.exec(error.message);
    if (missing && removedKeys.has([...error.path, missing[1]!].join("\u0000"))) continue;
    const finding = findingOf(error, base);
    if (finding.code !== "unknown-key") onlyUnknownKeys = false;
    findings.push(finding);
  }
  // A part whose value was dropped would be checked further with a different meaning; stop here.
  if (missing.length > 0 || !result.complete || !onlyUnknownKeys) return undefined;
  const typed = schema.deserialize(result.pruned as TomlValue, "toml");
  return typed.ok ? typed.value : undefined;
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]*)`/g)].map((match) => match[1]!);
}

/** Turns a serde error into a diagnostic finding with a friendlier message where one helps. */
export function findingOf(error: SchemaError, base: KeyPath): Finding {
  const path = [...base, ...error.path];
  const unknown = /^unknown (field|variant) `([^`]*)`, (?:expected (.*)|there are no \w+)$/.exec(error.message);
  if (unknown) {
    const [, kind, name, expectedText] = unknown as unknown as [string, string, string, string | undefined];
    const expected = backticked(expectedText ?? "");
    const what = kind === "field" ? "key" : "value";
    let message: string;
    if (UNHANDLED_CODEX_EVENTS.includes(name)) {
      message = `\`${name}\` is a Codex hook event the Warden hook does not handle; use one of ${expected.join(", ")}`;
    } else {
      const suggestion = closestKey(name, expected);
      message = suggestion
        ? `unknown ${what} \`${name}\`; did you mean \`${suggestion}\`?`
        : `unknown ${what} \`${name}\`; expected one of ${expected.map((e) => `\`${e}\``).join(", ")}`;
    }
    return kind === "field"
      ? { code: "unknown-key", severity: "error", message, path, at: "key" }
      : { code: "hook-policy-type", severity: "error", message, path };
  }
  const missing = /^missing field `([^`]*)`$/.exec(error.message);
  if (missing) return { code: "hook-policy-type", severity: "error", message: `missing key \`${missing[1]}\``, path };
  const message = error.message.startsWith("data did not match any variant of untagged enum CommandToken")
    ? "expected a token (a string) or a list of alternative tokens"
    : error.message;
  return { code: "hook-policy-type", severity: "error", message, path, ...(error.atKey ? { at: "key" as const } : {}) };
}
