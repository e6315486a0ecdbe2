import { describe, expect, it } from "vitest";
import { compileRegexLite, hirToRe2, RegexLite } from "./regex-lite.ts";

function fullMatch(expression: string, candidate: string): boolean {
  const regex = RegexLite.compile(`\\A(?:${expression})\\z`);
  if ("error" in regex) throw new Error(regex.error);
  return regex.isMatch(candidate);
}

describe("regex_lite matching through re2js", () => {
  // Observed with `codex mcp list --json` (URL regex matchers against configured URLs).
  it.each([
    ["(?i)k", "\u212a", false], // ASCII-only case folding: no Kelvin sign
    ["\\d", "\u0661", false], // ASCII-only Perl classes
    ["a.b", "a\nb", false],
    ["(?s)a.b", "a\nb", true],
    ["[^a-z]", "é", true],
    ["a+?", "aaa", true],
    ["ab\\b cd", "ab cd", true],
  ])("%s vs %j ⇒ %s", (expression, candidate, expected) => {
    expect(fullMatch(expression, candidate)).toBe(expected);
  });

  it("folds case before negating a class, like regex_lite", () => {
    expect(fullMatch("(?i)[^k]", "K")).toBe(false);
    expect(fullMatch("(?i)K", "k")).toBe(true);
  });

  it("supports POSIX classes, hex escapes and ignore-whitespace mode", () => {
    expect(fullMatch("[[:digit:]]+", "123")).toBe(true);
    expect(fullMatch("\\x41\\u{42}", "AB")).toBe(true);
    expect(fullMatch("(?x) a  b ", "ab")).toBe(true);
  });

  it("translates to explicit RE2 ranges", () => {
    const compiled = compileRegexLite("(?i)a|\\d");
    expect(compiled.ok && hirToRe2(compiled.hir)).toBe("(?:[\\x{61}\\x{41}]|[\\x{30}-\\x{39}])");
  });

  it("returns regex_lite's message for invalid patterns", () => {
    expect(RegexLite.compile("(")).toEqual({ error: "found open group without closing ')'" });
  });
});
