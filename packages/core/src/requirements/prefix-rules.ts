/**
 * Converts `[rules]` into exec-policy prefix rules (requirements-spec §1.6,
 * `RequirementsExecPolicyToml::to_policy`). Texts and check order were probed against 0.169.0:
 * per rule, justification → empty pattern → tokens (in order) → decision.
 */
import { rustTrim } from "../serde/index.ts";
import type { PatternTokenToml, RulesRequirementsToml } from "./rules-requirements-schema.ts";

/** One position of a prefix pattern. */
export type PatternToken =
  | { readonly kind: "single"; readonly token: string }
  | { readonly kind: "alts"; readonly tokens: readonly string[] };

/** A decision that requirements may impose (`allow` is rejected). */
export type RequirementsRuleDecision = "prompt" | "prompt-user" | "forbidden";

/** One exec-policy rule keyed by program (a rule whose first token has N alternatives yields N). */
export interface RequirementsPrefixRule {
  readonly program: string;
  readonly rest: readonly PatternToken[];
  readonly decision: RequirementsRuleDecision;
  readonly justification?: string;
  readonly canonicalMatching?: boolean;
  /** Index of the `[[rules.prefix_rules]]` entry this rule came from. */
  readonly ruleIndex: number;
}

/** The converted policy: rules in conversion order, and grouped per program like Codex's MultiMap. */
export interface RequirementsExecPolicy {
  readonly rules: readonly RequirementsPrefixRule[];
  readonly byProgram: ReadonlyMap<string, readonly RequirementsPrefixRule[]>;
}

/** Conversion result; `reason` is the text after `invalid rules in requirements (set by …): `. */
export type PrefixRulesConversion = { readonly value: RequirementsExecPolicy } | { readonly reason: string };

const ALLOW_REJECTED =
  "has decision 'allow', which is not permitted in requirements.toml: Codex merges these rules with other config and uses the most restrictive result (use 'prompt', 'prompt-user', or 'forbidden')";

function parseToken(token: PatternTokenToml, ruleIndex: number, tokenIndex: number): PatternToken | string {
  const invalid = (reason: string) =>
    `rules prefix_rule at index ${ruleIndex} has an invalid pattern token at index ${tokenIndex}: ${reason}`;
  if (token.token !== undefined && token.any_of !== undefined) return invalid("set either token or any_of, not both");
  if (token.token !== undefined) {
    return rustTrim(token.token) === "" ? invalid("token cannot be empty") : { kind: "single", token: token.token };
  }
  if (token.any_of !== undefined) {
    if (token.any_of.length === 0) return invalid("any_of cannot be empty");
    if (token.any_of.some((alt) => rustTrim(alt) === "")) return invalid("any_of cannot include empty tokens");
    return { kind: "alts", tokens: token.any_of };
  }
  return invalid("set either token or any_of");
}

/** `to_policy`: validates every rule and expands the first token's alternatives into programs. */
export function convertRequirementsRules(rules: RulesRequirementsToml): PrefixRulesConversion {
  if (rules.prefix_rules.length === 0) return { reason: "rules prefix_rules cannot be empty" };
  const out: RequirementsPrefixRule[] = [];
  const byProgram = new Map<string, RequirementsPrefixRule[]>();
  for (const [ruleIndex, rule] of rules.prefix_rules.entries()) {
    const at = `rules prefix_rule at index ${ruleIndex}`;
    if (rule.justification !== undefined && rustTrim(rule.justification) === "") {
      return { reason: `${at} has an empty justification` };
    }
    if (rule.pattern.length === 0) return { reason: `${at} has an empty pattern` };
    const tokens: PatternToken[] = [];
    for (const [tokenIndex, token] of rule.pattern.entries()) {
      const parsed = parseToken(token, ruleIndex, tokenIndex);
      if (typeof parsed === "string") return { reason: parsed };
      tokens.push(parsed);
    }
    if (rule.decision === "allow") return { reason: `${at} ${ALLOW_REJECTED}` };
    if (rule.decision === undefined) return { reason: `${at} is missing a decision` };
    const [first, ...rest] = tokens as [PatternToken, ...PatternToken[]];
    for (const program of first.kind === "single" ? [first.token] : first.tokens) {
      const converted: RequirementsPrefixRule = {
        program,
        rest,
        decision: rule.decision,
        ruleIndex,
        ...(rule.justification !== undefined ? { justification: rule.justification } : {}),
        ...(rule.canonical_matching !== undefined ? { canonicalMatching: rule.canonical_matching } : {}),
      };
      out.push(converted);
      byProgram.set(program, [...(byProgram.get(program) ?? []), converted]);
    }
  }
  return { value: { rules: out, byProgram } };
}

/** `invalid rules in requirements (set by {source}): {reason}` (ConstraintError::ExecPolicyParse). */
export function formatInvalidRulesError(source: string, reason: string): string {
  return `invalid rules in requirements (set by ${source}): ${reason}`;
}
