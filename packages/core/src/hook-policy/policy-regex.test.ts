import { describe, expect, it } from "vitest";
import { backtrackingRisk, compileJsRegex } from "./policy-regex.ts";

describe("compileJsRegex", () => {
  it.each([
    ["--force", { source: "--force", flags: "u" }],
    ["(?i)password", { source: "password", flags: "iu" }],
    ["(?ms)^a.b$", { source: "^a.b$", flags: "msu" }],
    ["\\bgit\\s+push\\b", { source: "\\bgit\\s+push\\b", flags: "u" }],
    ["\\p{Lu}", { source: "\\p{Lu}", flags: "u" }],
  ])("%s", (pattern, regex) => {
    expect(compileJsRegex(pattern)).toEqual({ ok: true, regex });
  });

  it.each([
    ["", "empty pattern"],
    ["(", "invalid regular expression: Unterminated group"],
    ["a(?i)b", "(inline flags are only supported at the start)"],
    ["(?x)a", "unsupported inline flag `x`"],
    ["\\-", "invalid regular expression: Invalid escape"],
    ["a{2", "invalid regular expression"],
  ])("refuses %j", (pattern, message) => {
    const result = compileJsRegex(pattern);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe("backtrackingRisk", () => {
  it.each([
    ["(a+)+$", true],
    ["(\\w*x)*", true],
    ["(ab|c)+", false],
    ["a+b*", false],
    ["(x+){2,}", true],
  ])("%s → %s", (source, risky) => {
    expect(backtrackingRisk(source) !== null).toBe(risky);
  });
});
