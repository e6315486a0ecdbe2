import { convertRequirementsRules, formatInvalidRulesError } from "../requirements/prefix-rules.ts";
import type { RulesRequirementsToml } from "../requirements/rules-requirements-schema.ts";
import type { KeyPath } from "../toml/toml-value.ts";
import type { Finding } from "./diagnostic-at.ts";

const CODE = "requirements-rules";
const MAX_RULE_ERRORS = 50;

// A rule Codex accepts, standing in for the rules before the one under test so its index is kept.
const ACCEPTED_RULE: RulesRequirementsToml["prefix_rules"][number] = {
  pattern: [{ token: "warden-placeholder" }],
  decision: "prompt",
};

/** Where a conversion reason points inside rule `index`. */
function reasonPath(index: number, reason: string): KeyPath {
  const rule: KeyPath = ["rules", "prefix_rules", index];
  const token = / has an invalid pattern token at index (\d+): /.exec(reason);
  if (token) return [...rule, "pattern", Number(token[1])];
  if (reason.endsWith("has an empty justification")) return [...rule, "justification"];
  if (reason.endsWith("has an empty pattern")) return [...rule, "pattern"];
  if (reason.includes("has decision 'allow'")) return [...rule, "decision"];
  return rule;
}

/**
 * The `invalid rules in requirements (set by {file}): …` errors of `[rules]` (requirements-spec
 * §1.6), one per broken rule (at most 50). Codex stops at the first; rules before the next one to
 * find are replaced by accepted stand-ins, so each reason keeps the index Codex prints.
 * `decision = "allow"` is one of them: 0.169.0 refuses the whole file for it.
 */
export function requirementsRulesErrors(
  file: string,
  rules: RulesRequirementsToml,
  skipRule: (index: number) => boolean = () => false,
): Finding[] {
  const error = (reason: string, path: KeyPath): Finding => ({
    code: CODE,
    severity: "error",
    message: formatInvalidRulesError(file, reason),
    path,
  });
  if (rules.prefix_rules.length === 0) {
    const converted = convertRequirementsRules(rules);
    return "reason" in converted ? [error(converted.reason, ["rules", "prefix_rules"])] : [];
  }
  // Conversion stops at the first bad rule; rules already reported (or skipped) become stand-ins
  // and the list is converted again, so each pass finds the next bad rule with Codex's index.
  const findings: Finding[] = [];
  const accepted = new Set<number>();
  rules.prefix_rules.forEach((_, index) => {
    if (skipRule(index)) accepted.add(index);
  });
  while (findings.length < MAX_RULE_ERRORS) {
    const list = rules.prefix_rules.map((rule, index) => (accepted.has(index) ? ACCEPTED_RULE : rule));
    const converted = convertRequirementsRules({ prefix_rules: list });
    if (!("reason" in converted)) break;
    const index = Number(/^rules prefix_rule at index (\d+) /.exec(converted.reason)?.[1] ?? Number.NaN);
    if (!Number.isInteger(index) || accepted.has(index)) break;
    findings.push(error(converted.reason, reasonPath(index, converted.reason)));
    accepted.add(index);
  }
  return findings;
}
