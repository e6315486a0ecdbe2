/**
 * `[rules]` in requirements.toml (requirements-spec §1.6). Field order follows the 0.169.0
 * declaration order (probed positionally): `canonical_matching`, `pattern`, `decision`, `justification`.
 */
import { bool, type Infer, optional, required, seq, string, stringEnum, struct } from "../serde/index.ts";

/** `RequirementsExecPolicyDecisionToml` (0.169.0 adds `prompt-user`). */
export const ruleDecisionSchema = stringEnum(
  "RequirementsExecPolicyDecisionToml",
  ["allow", "prompt", "prompt-user", "forbidden"],
  { description: "Decision for matching commands (`allow` is rejected in requirements)." },
);
/** A prefix-rule decision. */
export type RuleDecision = Infer<typeof ruleDecisionSchema>;

/** `RequirementsExecPolicyPatternTokenToml`: exactly one of `token` / `any_of` (checked later). */
export const patternTokenSchema = struct("RequirementsExecPolicyPatternTokenToml", {
  token: optional(string(), { description: "One literal argv token." }),
  any_of: optional(seq(string()), { description: "Alternative literal tokens." }),
});

/** One raw pattern token. */
export type PatternTokenToml = Infer<typeof patternTokenSchema>;

/** `RequirementsExecPolicyPrefixRuleToml` (unknown keys are ignored). */
export const prefixRuleSchema = struct("RequirementsExecPolicyPrefixRuleToml", {
  canonical_matching: optional(bool(), { description: "0.169.0 field; semantics not traced." }),
  pattern: required(seq(patternTokenSchema), { description: "argv prefix; the first token names the program." }),
  decision: optional(ruleDecisionSchema, { description: "Required by the conversion step." }),
  justification: optional(string(), { description: "Shown to the user; must not be blank." }),
});
/** One raw `[[rules.prefix_rules]]` entry. */
export type PrefixRuleToml = Infer<typeof prefixRuleSchema>;

/** `RequirementsExecPolicyToml`. */
export const rulesRequirementsSchema = struct(
  "RequirementsExecPolicyToml",
  { prefix_rules: required(seq(prefixRuleSchema), { description: "Managed exec-policy prefix rules." }) },
  { description: "Managed command rules, merged with the user's rules (most restrictive wins)." },
);
/** The parsed `[rules]` table. */
export type RulesRequirementsToml = Infer<typeof rulesRequirementsSchema>;
