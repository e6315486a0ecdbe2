import { describe, expect, it } from "vitest";
import { applyRemoteSandboxConfig, hostnameMatchesPattern, normalizeHostname } from "./remote-sandbox-config.ts";

describe("remote_sandbox_config host matching (spec §2.4)", () => {
  it.each([
    ["BUILD-01.EXAMPLE.COM.", "build-*.example.com", true],
    ["linux-01.example.com", "mac-*.example.com", false],
    ["vm", "VM*", true],
    ["runner-07.ci", "runner-??.ci", true],
    ["runner-7.ci", "runner-??.ci", false],
    ["a.b.example.org", "*.org", true],
    ["example.org", "  example.org.. ", true],
    ["anything", "", false],
    ["host", "   ", false],
    ["a+b.example.com", "a+b.*", true],
  ])("%s against %s → %s", (host, pattern, expected) => {
    expect(hostnameMatchesPattern(host, pattern)).toBe(expected);
  });

  it("normalizes hostnames", () => {
    expect(normalizeHostname(" Host.Example.COM.. ")).toBe("host.example.com");
  });

  it("lets the first matching entry replace the layer's allowed_sandbox_modes", () => {
    const layer = {
      allowed_sandbox_modes: ["read-only"],
      remote_sandbox_config: [
        { hostname_patterns: ["mac-*"], allowed_sandbox_modes: ["read-only", "danger-full-access"] },
        { hostname_patterns: ["build-*.example.com"], allowed_sandbox_modes: ["workspace-write"] },
        { hostname_patterns: ["*"], allowed_sandbox_modes: ["read-only", "external-sandbox"] },
      ],
    };
    applyRemoteSandboxConfig(layer, "BUILD-01.EXAMPLE.COM.");
    expect(layer).toEqual({ allowed_sandbox_modes: ["workspace-write"] });
  });

  it("keeps the layer's own list (or none) when nothing matches or there is no hostname", () => {
    const layer = { remote_sandbox_config: [{ hostname_patterns: ["mac-*"], allowed_sandbox_modes: ["read-only"] }] };
    applyRemoteSandboxConfig(layer, "linux-01");
    expect(layer).toEqual({});
    const other = {
      allowed_sandbox_modes: ["read-only"],
      remote_sandbox_config: [{ hostname_patterns: ["*"], allowed_sandbox_modes: [] }],
    };
    applyRemoteSandboxConfig(other, null);
    expect(other).toEqual({ allowed_sandbox_modes: ["read-only"] });
  });
});
