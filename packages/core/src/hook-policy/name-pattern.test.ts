import { describe, expect, it } from "vitest";
import { compileNamePatterns } from "./name-pattern.ts";

describe("compileNamePatterns", () => {
  const matches = (patterns: string[], name: string, lowerCase = false) => {
    const compiled = compileNamePatterns(patterns, { lowerCase });
    if (!compiled.ok) throw new Error(compiled.message);
    return new RegExp(compiled.regex.source, compiled.regex.flags).test(lowerCase ? name.toLowerCase() : name);
  };

  it.each([
    [["alice"], "alice", true],
    [["alice"], "alice2", false],
    [["build-*"], "build-17.corp", true],
    [["build-?"], "build-17", false],
    [["delete_*", "drop_*"], "drop_table", true],
    [["a.b"], "axb", false],
    [["*"], "", true],
  ])("%j vs %j → %s", (patterns, name, expected) => {
    expect(matches(patterns, name)).toBe(expected);
  });

  it("folds case when asked (host names)", () => {
    expect(matches(["Build-*"], "BUILD-1", true)).toBe(true);
    expect(matches(["Alice"], "alice")).toBe(false);
  });

  it.each([
    ["", "empty pattern"],
    ["a b", "a name pattern cannot contain whitespace"],
  ])("refuses %j", (pattern, message) => {
    expect(compileNamePatterns(["ok", pattern], { lowerCase: false })).toEqual({ ok: false, index: 1, message });
  });
});
