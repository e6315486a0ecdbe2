import { describe, expect, it } from "vitest";
import { checkRustRegex } from "../hooks/rust-regex-check.ts";
import { translateRustRegex } from "./translate-rust-regex.ts";

// [Rust pattern, JS source, JS flags, names it must match, names it must not]
const TRANSLATED: Array<[string, string, string, string[], string[]]> = [
  ["^Bash$", "^Bash$", "u", ["Bash"], ["BashOutput", "bash"]],
  ["^Bash", "^Bash", "u", ["BashOutput"], ["xBash"]],
  ["mcp__memory__.*", "mcp__memory__.*", "u", ["mcp__memory__create", "x_mcp__memory__"], ["mcp__memory"]],
  ["(?i)^bash$", "^bash$", "iu", ["BASH", "Bash"], ["Bash2"]],
  ["(?is)a.b", "a.b", "isu", ["A\nB"], ["ab"]],
  ["(?P<server>[a-z]+)__x", "(?<server>[a-z]+)__x", "u", ["github__x"], ["__x"]],
  ["[[:alpha:]]+_[[:digit:]]", "[A-Za-z]+_[0-9]", "u", ["abc_1"], ["abc_x"]],
  ["\\x{41}\\x42\\u0043", "\\u{41}\\u{42}\\u{0043}", "u", ["ABC"], ["abc"]],
  ["\\pL+\\p{Greek}", "\\p{L}+\\p{Script=Greek}", "u", ["aλ"], ["1λ"]],
  ["\\PN", "\\P{N}", "u", ["a"], ["1"]],
  ["a\\-b\\ c\\#", "a\\u{2d}b\\u{20}c\\u{23}", "u", ["a-b c#"], ["ab c#"]],
  ["[\\-a]", "[\\-a]", "u", ["-"], ["b"]],
  ["\\Aab\\z", "(?<![\\s\\S])ab(?![\\s\\S])", "u", ["ab"], ["xab", "ab\n"]],
  ["a{2,3}", "a{2,3}", "u", ["aa"], ["a"]],
  ["[]a]", "[\\]a]", "u", ["]"], ["b"]],
  ["x]y}", "x\\]y\\}", "u", ["x]y}"], ["xy"]],
  ["Edit|Write", "Edit|Write", "u", ["Write"], ["Read"]],
];

// [Rust pattern (valid for Rust), why JavaScript cannot express it]
const REFUSED: Array<[string, string]> = [
  ["(?i:bash)", "flags inside the pattern"],
  ["a(?i)b", "flags inside the pattern"],
  ["(?x) a b", "inline flag `x`"],
  ["(?U)a+", "inline flag `U`"],
  ["[a&&b]", "class set operation `&&`"],
  ["[a--b]", "class set operation `--`"],
  ["[a[bc]]", "nested character classes"],
  ["[[:^alpha:]]", "negated POSIX class"],
  ["\\p{Nonexistent_Thing}", "Unicode class `Nonexistent_Thing`"],
];

describe("translateRustRegex", () => {
  it.each(TRANSLATED)("%s → /%s/%s", (rust, source, flags, yes, no) => {
    expect(checkRustRegex(rust)).toBeNull();
    const result = translateRustRegex(rust);
    expect(result).toEqual({ ok: true, regex: { source, flags } });
    const regex = new RegExp(source, flags);
    for (const name of yes) expect(regex.test(name), name).toBe(true);
    for (const name of no) expect(regex.test(name), name).toBe(false);
  });

  it.each(REFUSED)("refuses %s", (rust, why) => {
    const result = translateRustRegex(rust);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(why);
  });
});
