import { describe, expect, it } from "vitest";
import { detectPolicyKind, isPolicyKind, policyKindFromName } from "./policy-kind.ts";

describe("policyKindFromName", () => {
  it.each([
    ["/etc/codex/requirements.toml", "requirements"],
    ["requirements.prod.toml", "requirements"],
    ["policies/Requirements-eng.toml", "requirements"],
    ["/etc/codex/managed_config.toml", "managed-config"],
    ["managed_config.staging.toml", "managed-config"],
    ["/etc/codex/config.toml", "config"],
    ["~/.codex/work.config.toml", "config"],
    [".codex/config.override.toml", "config"],
    ["C:\\ProgramData\\OpenAI\\Codex\\requirements.toml", "requirements"],
    ["policy.toml", null],
    ["requirements.json", null],
  ])("%s → %s", (file, kind) => {
    expect(policyKindFromName(file)).toBe(kind);
  });
});

describe("detectPolicyKind", () => {
  it.each([
    ["explicit kind wins", "requirements.toml", {}, "config", "config"],
    ["name wins over content", "managed_config.toml", { allowed_sandbox_modes: [] }, undefined, "managed-config"],
    ["requirements-only key", "policy.toml", { allowed_sandbox_modes: ["read-only"] }, undefined, "requirements"],
    ["shared key only", "policy.toml", { model_provider: "x" }, undefined, "config"],
    ["unparsed content", "policy.toml", null, undefined, "config"],
  ] as const)("%s", (_name, file, table, explicit, kind) => {
    expect(detectPolicyKind(file, table as never, explicit)).toBe(kind);
  });

  it("isPolicyKind", () => {
    expect(["requirements", "managed-config", "config", "bogus"].map(isPolicyKind)).toEqual([true, true, true, false]);
  });
});
