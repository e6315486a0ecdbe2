import { describe, expect, it } from "vitest";
import type { PathGlobV1 } from "./compiled-hook-policy.ts";
import { compilePathGlob, expandBraces } from "./path-glob.ts";
import { requiredLiteral, type TouchedPath, touchedPath } from "./touched-path.ts";

const HOME = "/home/u";
const ROOT = "/home/u/repo";
const at = (path: string): TouchedPath => touchedPath(path, ROOT, HOME, ROOT);

function matches(glob: string, path: string): boolean {
  const compiled = compilePathGlob(glob, { workspace: true });
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.globs.some((one: PathGlobV1) => {
    const target = at(path);
    const subject = one.base === "absolute" ? target.absolute : one.base === "home" ? target.home : target.workspace;
    const regex = new RegExp(one.regex.source, one.regex.flags);
    const hit = subject !== null && regex.test(subject);
    // The prefilter must never reject a path the regex accepts.
    if (hit) expect(subject.includes(requiredLiteral(one.glob))).toBe(true);
    return hit;
  });
}

// [glob, path (absolute, ~/…, or relative to the repository root), matches]
const CASES: Array<[string, string, boolean]> = [
  ["/srv/infra/**", "/srv/infra/main.tf", true],
  ["/srv/infra/**", "/srv/infra", true],
  ["/srv/infra/**", "/srv/infrastructure", false],
  ["/etc", "/etc/passwd", true],
  ["/etc", "/etcetera", false],
  ["/", "/anything/at/all", true],
  ["**/.env", "/home/u/repo/.env", true],
  ["**/.env", "/.env", true],
  ["**/.env", "/home/u/repo/.env.local", false],
  [".env", "/deep/down/.env", true],
  ["*.pem", "/a/b/key.pem", true],
  ["*.pem", "/a/b/key.pem.bak", false],
  ["**/deploy-*", "/home/u/src/deploy-api/k8s/x.yaml", true],
  ["**/deploy-*", "/home/u/src/api-deploy", false],
  ["/a/**/b", "/a/b", true],
  ["/a/**/b", "/a/x/y/b", true],
  ["/a/*/b", "/a/x/y/b", false],
  ["/a/?/b", "/a/x/b", true],
  ["~/.ssh/**", "~/.ssh/id_rsa", true],
  ["~/.ssh/**", "/home/u/.ssh/config", true],
  ["~/.ssh/**", "/home/other/.ssh/config", false],
  ["~", "/home/u/anything", true],
  ["config/*.yaml", "config/app.yaml", true],
  ["config/*.yaml", "config/a/app.yaml", false],
  ["./secrets", "secrets/key", true],
  ["config/*.yaml", "/elsewhere/config/app.yaml", false],
  ["[!x]*.md", "/d/readme.md", true],
  ["[!x]*.md", "/d/xreadme.md", false],
  ["[a-c]at", "/d/bat", true],
  ["*.{pem,key}", "/d/id.key", true],
  ["{/etc,~/.aws}/**", "~/.aws/credentials", true],
  ["a\\*b", "/d/a*b", true],
  ["a\\*b", "/d/axb", false],
  ["//srv//x/", "/srv/x/y", true],
];

describe("compilePathGlob", () => {
  it.each(CASES)("%s vs %s → %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it.each([
    ["", "empty glob"],
    [" /x", "leading or trailing whitespace"],
    ["/x/[ab", "unclosed `[`"],
    ["/x/{a,b", "unclosed `{`"],
    ["/x/a**", "`**` must be a whole path segment"],
    ["/x/../y", "`.` and `..` segments"],
    ["~bob/x", "`~user` paths are not supported"],
    ["/x/a\\", "a trailing `\\` escapes nothing"],
  ])("refuses %j", (glob, message) => {
    const result = compilePathGlob(glob, { workspace: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it("refuses workspace-relative globs where there is no workspace (tiers)", () => {
    expect(compilePathGlob("infra/*", { workspace: false })).toMatchObject({ ok: false });
    expect(compilePathGlob("**/infra", { workspace: false })).toMatchObject({ ok: true });
  });

  it("expands braces, nested, and bounds the expansion", () => {
    expect(expandBraces("a{b,c{d,e}}f")).toEqual(["abf", "acdf", "acef"]);
    expect(expandBraces("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}")).toContain("expands to more than 64 globs");
  });

  it("finds a literal every match contains", () => {
    expect(requiredLiteral("**/secret0/**")).toBe("secret0");
    expect(requiredLiteral("~/.ssh/**")).toBe(".ssh");
    expect(requiredLiteral("[abcdefgh]x")).toBe("x");
    expect(requiredLiteral("*")).toBe("");
  });
});
