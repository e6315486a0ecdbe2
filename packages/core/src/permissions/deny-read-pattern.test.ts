// Expected values captured from codex 0.169.0: /etc/codex/requirements.toml with
// `[permissions.filesystem] deny_read = [...]`, HOME=/root, then `codex debug prompt-input` and reading the
// `<entry access="deny">` paths/globs of `<permission_profile>` in `<environment_context>`.
import { describe, expect, it } from "vitest";
import { isDenyReadGlob, resolveDenyReadPattern, resolveDenyReadPatterns } from "./deny-read-pattern.ts";

const base = { baseDir: "/etc/codex", homeDir: "/root" };

describe("resolveDenyReadPattern", () => {
  it.each([
    ["/etc/shadow", "/etc/shadow"],
    ["secret", "/etc/codex/secret"],
    ["./private/**/*.txt", "/etc/codex/private/**/*.txt"],
    ["~/creds", "/root/creds"],
    ["*.pem", "/etc/codex/*.pem"],
    ["~", "/root"],
    ["/var/../opt/./x", "/opt/x"],
    ["sub/dir/*.key", "/etc/codex/sub/dir/*.key"],
    ["a?b", "/etc/codex/a?b"],
    ["/data/[ab]/c", "/data/[ab]/c"],
    ["../up/x", "/etc/up/x"],
    ["~/keys/*.pem", "/root/keys/*.pem"],
    ["", "/etc/codex"],
    ["~user/x", "/etc/codex/~user/x"],
    ["a/b/", "/etc/codex/a/b"],
    ["//double//slash", "/double/slash"],
    ["/x/y/", "/x/y"],
    [".", "/etc/codex"],
    ["~/", "/root"],
    ["/a/b/../../../..", "/"],
    ["dir/**", "/etc/codex/dir/**"],
    ["[x]", "/etc/codex/[x]"],
  ])("%j ⇒ %j", (input, expected) => {
    expect(resolveDenyReadPattern(input, base)).toBe(expected);
  });

  // [src] only: with this entry 0.169.0 fails later, when building the bwrap sandbox ("unreadable glob
  // `/*.log` cannot be safely expanded; use a pattern with a non-root directory prefix").
  it("keeps a root-level glob as `/` + suffix", () => {
    expect(resolveDenyReadPattern("/*.log", base)).toBe("/*.log");
  });

  it("drops duplicates like Codex's policy entries (probed: `/etc/shadow` twice, `` and `.`)", () => {
    expect(resolveDenyReadPatterns(["/etc/shadow", "", "/etc/shadow", "."], base)).toEqual([
      "/etc/shadow",
      "/etc/codex",
    ]);
  });

  it("treats `*`, `?` and `[` as glob metacharacters but not `]`", () => {
    expect([isDenyReadGlob("a*"), isDenyReadGlob("a?"), isDenyReadGlob("a["), isDenyReadGlob("a]")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
