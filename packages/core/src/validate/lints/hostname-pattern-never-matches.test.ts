import { describe, expect, it } from "vitest";
import { hostnamePatternNeverMatches, neverMatchReason } from "./hostname-pattern-never-matches.ts";
import { runLint, where } from "./lint-fixture.ts";

describe("neverMatchReason", () => {
  it.each([
    // Patterns that can match (Codex trims, strips trailing dots and lower-cases them first).
    ["build-*.example.com", null],
    ["BUILD-01.EXAMPLE.COM.", null],
    ["runner-??.ci", null],
    ["  vm*  ", null],
    ["*", null],
    ["win_build01", null], // `_`: Linux and Windows machine names may contain it (probed: Codex matches `a_b`)
    // Patterns that cannot.
    ["", "empty"],
    ["   ", "empty"],
    ["...", "empty"],
    ["https://build.example.com/", "`:` never occurs"],
    ["build.example.com/ci", "`/` never occurs"],
    ["build.example.com:22", "`:` never occurs"],
    ["build-[0-9].corp", "not glob syntax"],
    ["build-{a,b}.corp", "not glob syntax"],
    ["a.corp, b.corp", "separator"],
    ["a corp", "separator"],
    ["bücher.example", "punycode"],
    ["user@host", "`@` never occurs"],
    [".example.com", "never starts with `.`"],
    ["a..example.com", "empty label"],
  ])("%j", (pattern, fragment) => {
    const reason = neverMatchReason(pattern);
    if (fragment === null) expect(reason).toBeNull();
    else expect(reason).toContain(fragment);
  });
});

describe("hostnamePatternNeverMatches", () => {
  const entry = (patterns: string) =>
    `[[remote_sandbox_config]]\nhostname_patterns = ${patterns}\nallowed_sandbox_modes = ["read-only"]\n`;
  it.each([
    [
      "one bad pattern",
      entry('["ok-*.corp", "https://x.corp/"]'),
      ["2:35 remote_sandbox_config[0].hostname_patterns[1]"],
    ],
    ["no patterns at all", entry("[]"), ["2:21 remote_sandbox_config[0].hostname_patterns"]],
    ["all good", entry('["ok-*.corp", "BUILD-01.corp."]'), []],
    [
      "second entry",
      entry('["a.corp"]') + entry('["", "b.corp"]'),
      ["5:22 remote_sandbox_config[1].hostname_patterns[0]"],
    ],
    ["wrong type (a type error instead)", entry('"x.corp"'), []],
  ])("%s", (_name, text, expected) => {
    const found = runLint(hostnamePatternNeverMatches, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) expect(d).toMatchObject({ code: "hostname-pattern-never-matches", severity: "warning" });
  });
});
