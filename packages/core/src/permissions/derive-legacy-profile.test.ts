import { describe, expect, it } from "vitest";
import { readOnlyProfile, workspaceWriteProfile } from "./builtin-profiles.ts";
import { deriveLegacyProfile, type LegacyProfileInput } from "./derive-legacy-profile.ts";

const base: LegacyProfileInput = {
  configuredMode: null,
  trust: null,
  sandboxWorkspaceWrite: null,
  platform: "linux",
  windowsSandboxEnabled: false,
  constraint: { allowedSandboxModes: null, denyReadSource: null },
};

describe("deriveLegacyProfile", () => {
  it("follows the configured mode, else trust", () => {
    expect(deriveLegacyProfile({ ...base, configuredMode: "danger-full-access" })).toEqual({ type: "disabled" });
    expect(deriveLegacyProfile({ ...base, trust: "untrusted" })).toEqual(workspaceWriteProfile());
    expect(deriveLegacyProfile(base)).toEqual(readOnlyProfile());
  });

  it("keeps [sandbox_workspace_write] writable roots", () => {
    const swr = { writableRoots: ["/x"], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
    expect(deriveLegacyProfile({ ...base, configuredMode: "workspace-write", sandboxWorkspaceWrite: swr })).toEqual(
      workspaceWriteProfile(swr),
    );
  });

  it("downgrades workspace-write on Windows without a sandbox, even when configured", () => {
    expect(deriveLegacyProfile({ ...base, platform: "windows", configuredMode: "workspace-write" })).toEqual(
      readOnlyProfile(),
    );
  });

  it("silently falls back for a disallowed trust-derived default only", () => {
    const constraint = { allowedSandboxModes: { value: ["read-only"] as const, source: "S" }, denyReadSource: null };
    expect(deriveLegacyProfile({ ...base, trust: "trusted", constraint })).toEqual(readOnlyProfile());
    expect(deriveLegacyProfile({ ...base, configuredMode: "workspace-write", constraint })).toEqual(
      workspaceWriteProfile(),
    );
  });
});
