import { describe, expect, it } from "vitest";
import type { RulesRequirementsToml } from "../requirements/rules-requirements-schema.ts";
import { requirementsRulesErrors } from "./requirements-rules-errors.ts";

const FILE = "/etc/codex/requirements.toml";
const PREFIX = `invalid rules in requirements (set by ${FILE}): `;
type Rule = RulesRequirementsToml["prefix_rules"][number];
const ok: Rule = { pattern: [{ token: "git" }], decision: "prompt" };

describe("requirementsRulesErrors", () => {
  it.each<[string, Rule[], Array<[string, string]>]>([
    ["valid rules", [ok, { pattern: [{ any_of: ["a", "b"] }], decision: "forbidden" }], []],
    ["empty list", [], [["rules.prefix_rules", "rules prefix_rules cannot be empty"]]],
    [
      // Probed: 0.169.0 refuses the file for decision = "allow", naming the rule's index.
      "allow is refused, with its index",
      [ok, { pattern: [{ token: "rm" }], decision: "allow" }],
      [
        [
          "rules.prefix_rules.1.decision",
          "rules prefix_rule at index 1 has decision 'allow', which is not permitted in requirements.toml: Codex merges these rules with other config and uses the most restrictive result (use 'prompt', 'prompt-user', or 'forbidden')",
        ],
      ],
    ],
    [
      "every broken rule, not only the first",
      [
        { pattern: [], decision: "prompt" },
        ok,
        { pattern: [{ token: "x" }, { token: "  " }], decision: "prompt" },
        { pattern: [{ token: "x" }] },
        { pattern: [{ token: "x" }], decision: "prompt", justification: " " },
      ],
      [
        ["rules.prefix_rules.0.pattern", "rules prefix_rule at index 0 has an empty pattern"],
        [
          "rules.prefix_rules.2.pattern.1",
          "rules prefix_rule at index 2 has an invalid pattern token at index 1: token cannot be empty",
        ],
        ["rules.prefix_rules.3", "rules prefix_rule at index 3 is missing a decision"],
        ["rules.prefix_rules.4.justification", "rules prefix_rule at index 4 has an empty justification"],
      ],
    ],
  ])("%s", (_name, rules, expected) => {
    const found = requirementsRulesErrors(FILE, { prefix_rules: rules });
    expect(found.map((f) => [f.path!.join("."), f.message])).toEqual(
      expected.map(([path, reason]) => [path, PREFIX + reason]),
    );
    for (const f of found) expect(f).toMatchObject({ code: "requirements-rules", severity: "error" });
  });

  it("skips rules that lost a key to a type error", () => {
    const found = requirementsRulesErrors(
      FILE,
      { prefix_rules: [{ pattern: [{ token: "x" }] }] },
      (index) => index === 0,
    );
    expect(found).toEqual([]);
  });
});
