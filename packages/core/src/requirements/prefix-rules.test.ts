import { describe, expect, it } from "vitest";
import { formatSerdeError } from "../serde/index.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { convertRequirementsRules, formatInvalidRulesError } from "./prefix-rules.ts";
import { deserializeRequirements } from "./requirements-schema.ts";

const SOURCE = "/etc/codex/requirements.toml";

function outcome(prefixRules: string) {
  const parsed = parseToml(`[rules]\nprefix_rules = ${prefixRules}\n`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const requirements = deserializeRequirements(parsed.document.value);
  if ("error" in requirements) return formatSerdeError(requirements.error);
  const converted = convertRequirementsRules(requirements.value.rules!);
  return "reason" in converted ? formatInvalidRulesError(SOURCE, converted.reason) : converted.value;
}

const P = `invalid rules in requirements (set by ${SOURCE}): rules prefix_rule at index`;

// Observed with codex 0.169.0 (`codex app-server --print-startup-config`).
describe("[rules] conversion (§1.6)", () => {
  it.each([
    ["[]", `invalid rules in requirements (set by ${SOURCE}): rules prefix_rules cannot be empty`],
    ['[{ pattern = [{ token = "git" }] }]', `${P} 0 is missing a decision`],
    [
      '[{ pattern = [{ token = "git", any_of = ["a"] }], decision = "prompt" }]',
      `${P} 0 has an invalid pattern token at index 0: set either token or any_of, not both`,
    ],
    [
      '[{ pattern = [{ }], decision = "prompt" }]',
      `${P} 0 has an invalid pattern token at index 0: set either token or any_of`,
    ],
    ['[{ pattern = [], decision = "prompt" }]', `${P} 0 has an empty pattern`],
    [
      '[{ pattern = [{ token = "git" }], decision = "prompt", justification = "  " }]',
      `${P} 0 has an empty justification`,
    ],
    [
      '[{ pattern = [{ token = "git" }], decision = "allow" }]',
      `${P} 0 has decision 'allow', which is not permitted in requirements.toml: Codex merges these rules with other config and uses the most restrictive result (use 'prompt', 'prompt-user', or 'forbidden')`,
    ],
    ['[{ pattern = [], justification = "" }]', `${P} 0 has an empty justification`],
    [
      '[{ pattern = [{ token = " " }], decision = "allow" }]',
      `${P} 0 has an invalid pattern token at index 0: token cannot be empty`,
    ],
    [
      '[{ pattern = [{ token = "git" }], decision = "prompt" }, { pattern = [{ any_of = [] }], decision = "prompt" }]',
      `${P} 1 has an invalid pattern token at index 0: any_of cannot be empty`,
    ],
    [
      '[{ pattern = [{ token = "git" }, { any_of = ["a", " "] }], decision = "prompt" }]',
      `${P} 0 has an invalid pattern token at index 1: any_of cannot include empty tokens`,
    ],
    [
      '[{ pattern = [{ token = "" }], decision = "prompt" }]',
      `${P} 0 has an invalid pattern token at index 0: token cannot be empty`,
    ],
    ['[{ decision = "prompt" }]', "missing field `pattern`\nin `rules.prefix_rules`\n"],
    [
      '["x"]',
      'invalid type: string "x", expected struct RequirementsExecPolicyPrefixRuleToml\nin `rules.prefix_rules`\n',
    ],
  ])("%s", (rules, observed) => {
    expect(outcome(rules)).toBe(observed);
  });

  it("expands the first token's alternatives into one rule per program", () => {
    const policy = outcome(
      '[{ pattern = [{ any_of = ["git", "hg"] }, { token = "push" }], decision = "prompt-user", justification = "why", zzz = 1 }, { pattern = [{ token = "git" }], decision = "forbidden" }]',
    );
    if (typeof policy === "string") throw new Error(policy);
    expect(policy.rules.map((rule) => [rule.program, rule.decision, rule.ruleIndex])).toEqual([
      ["git", "prompt-user", 0],
      ["hg", "prompt-user", 0],
      ["git", "forbidden", 1],
    ]);
    expect(policy.rules[0]?.rest).toEqual([{ kind: "single", token: "push" }]);
    expect(policy.rules[0]?.justification).toBe("why");
    expect(policy.byProgram.get("git")?.map((rule) => rule.decision)).toEqual(["prompt-user", "forbidden"]);
  });
});
