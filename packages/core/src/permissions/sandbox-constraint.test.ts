import { describe, expect, it } from "vitest";
import { readOnlyProfile, workspaceWriteProfile } from "./builtin-profiles.ts";
import { checkSandboxConstraint, managedDenyReadViolation, validateAllowedSandboxModes } from "./sandbox-constraint.ts";

const src = "/etc/codex/requirements.toml";

describe("sandbox constraint", () => {
  it("requires read-only in allowed_sandbox_modes (probed text)", () => {
    expect(validateAllowedSandboxModes({ value: ["read-only"], source: src })).toBeNull();
    expect(validateAllowedSandboxModes({ value: ["workspace-write"], source: src })).toBe(
      `invalid value for \`allowed_sandbox_modes\`: \`[WorkspaceWrite]\` is not in the allowed set must include 'read-only' to allow any PermissionProfile (set by ${src})`,
    );
  });

  it("checks allowed_sandbox_modes before deny_read (probed)", () => {
    const both = { allowedSandboxModes: { value: ["read-only"] as const, source: src }, denyReadSource: "DENY" };
    expect(checkSandboxConstraint({ type: "disabled" }, both)).toContain("[ReadOnly] (set by");
    const onlyDeny = { allowedSandboxModes: null, denyReadSource: "DENY" };
    expect(checkSandboxConstraint({ type: "external", network: "restricted" }, onlyDeny)).toBe(
      "invalid value for `sandbox_mode`: `ExternalSandbox` is not in the allowed set [read-only, workspace-write] (set by DENY)",
    );
    expect(checkSandboxConstraint(workspaceWriteProfile(), onlyDeny)).toBeNull();
    expect(checkSandboxConstraint(readOnlyProfile(), { allowedSandboxModes: null, denyReadSource: null })).toBeNull();
  });

  it("renders the runtime deny-read violation", () => {
    expect(managedDenyReadViolation("missing managed deny", src)).toBe(
      `invalid value for \`permissions.filesystem\`: \`missing managed deny\` is not in the allowed set all managed deny_read restrictions (set by ${src})`,
    );
  });
});
