import { describe, expect, it } from "vitest";
import { compileDomainPatterns, normalizeHost } from "./domain-pattern.ts";

function matches(pattern: string, host: string): boolean {
  const compiled = compileDomainPatterns([pattern]);
  if (!compiled.ok) throw new Error(compiled.message);
  return new RegExp(compiled.regex.source, compiled.regex.flags).test(normalizeHost(host));
}

// hooks-execpolicy-spec §3.2
const CASES: Array<[string, string, boolean]> = [
  ["example.com", "example.com", true],
  ["example.com", "a.example.com", false],
  ["*.example.com", "a.example.com", true],
  ["*.example.com", "a.b.example.com", true],
  ["*.example.com", "example.com", false],
  ["**.example.com", "example.com", true],
  ["**.example.com", "a.b.example.com", true],
  ["**.example.com", "badexample.com", false],
  ["*", "anything.at.all", true],
  ["region*.v2.argotunnel.com", "region1.v2.argotunnel.com", true],
  ["region*.v2.argotunnel.com", "region.v2.argotunnel.com", true],
  ["region*.v2.argotunnel.com", "foo.region1.v2.argotunnel.com", false],
  ["Example.COM.", "EXAMPLE.com", true],
  ["example.com", "example.com.:443", true],
  ["host?.test", "host1.test", true],
  ["[::1]", "[::1]:8080", true],
  ["10.0.0.1", "10.0.0.1:22", true],
];

describe("compileDomainPatterns", () => {
  it.each(CASES)("%s vs %s → %s", (pattern, host, expected) => {
    expect(matches(pattern, host)).toBe(expected);
  });

  it.each([
    ["", "empty domain pattern"],
    ["https://example.com", "not a URL"],
    ["example.com/path", "not a URL"],
    ["user@example.com", "not a URL"],
    ["example.com:443", "ports are not part"],
    ["exa mple.com", "may contain only"],
    ["a..com", "empty label"],
    [".example.com", "empty label"],
  ])("refuses %j", (pattern, message) => {
    const result = compileDomainPatterns(["ok.com", pattern]);
    expect(result).toMatchObject({ ok: false, index: 1 });
    expect(!result.ok && result.message).toContain(message);
  });
});

describe("normalizeHost", () => {
  it.each([
    [" Example.COM. ", "example.com"],
    ["example.com:8443", "example.com"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
  ])("%j → %s", (raw, host) => {
    expect(normalizeHost(raw)).toBe(host);
  });
});
