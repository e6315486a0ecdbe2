import { describe, expect, it } from "vitest";
import { compileRemotePatterns, normalizeGitRemote } from "./git-remote.ts";

describe("normalizeGitRemote", () => {
  it.each([
    ["https://github.com/Acme/Infra.git", "github.com/acme/infra"],
    ["https://github.com/acme/infra/", "github.com/acme/infra"],
    ["http://user:token@gitlab.example.com:8443/group/sub/repo.git", "gitlab.example.com/group/sub/repo"],
    ["ssh://git@github.com:22/acme/infra.git", "github.com/acme/infra"],
    ["ssh://github.com/acme/infra", "github.com/acme/infra"],
    ["git://github.com/acme/infra.git", "github.com/acme/infra"],
    ["git@github.com:acme/infra.git", "github.com/acme/infra"],
    ["github.com:acme/infra", "github.com/acme/infra"],
    ["/srv/git/infra.git", "/srv/git/infra"],
    ["file:///srv/git/infra.git", "/srv/git/infra"],
    ["github.com/acme/infra", "github.com/acme/infra"],
    ["   ", null],
  ])("%j → %j", (url, normalized) => {
    expect(normalizeGitRemote(url)).toBe(normalized);
  });
});

describe("compileRemotePatterns", () => {
  const matches = (patterns: string[], url: string) => {
    const compiled = compileRemotePatterns(patterns);
    if (!compiled.ok) throw new Error(compiled.message);
    return new RegExp(compiled.regex.source, compiled.regex.flags).test(normalizeGitRemote(url)!);
  };

  it.each([
    [["github.com/acme/infra"], "git@github.com:acme/infra.git", true],
    [["github.com/acme/infra"], "https://github.com/acme/infra-tools", false],
    [["https://github.com/ACME/infra.git"], "git@github.com:acme/infra", true],
    [["git@github.com:acme/deploy-*"], "https://github.com/acme/deploy-api", true],
    [["github.com/acme/deploy-*"], "https://github.com/acme/deploy-api/sub", true],
    [["github.com/acme/*"], "https://github.com/acme/x", true],
    [["github.com/*/infra"], "https://github.com/other/infra", true],
    [["gitlab.com/acme"], "https://gitlab.com/acme/platform/api", true],
    [["gitlab.com/**/api"], "https://gitlab.com/acme/platform/api", true],
    [["github.com/acme/infra"], "https://gitlab.com/acme/infra", false],
  ])("%j vs %s → %s", (patterns, url, expected) => {
    expect(matches(patterns, url)).toBe(expected);
  });

  it.each([
    ["", "empty remote pattern"],
    ["github.com/a b", "a remote pattern cannot contain whitespace"],
  ])("refuses %j", (pattern, message) => {
    expect(compileRemotePatterns(["github.com/x", pattern])).toEqual({ ok: false, index: 1, message });
  });
});
