import type { Platform, SandboxWorkspaceWrite } from "./builtin-profiles.ts";
import { readOnlyProfile, workspaceWriteProfile } from "./builtin-profiles.ts";
import type { PermissionProfile } from "./permission-profile.ts";
import { checkSandboxConstraint, type SandboxConstraint } from "./sandbox-constraint.ts";
import type { SandboxMode } from "./sandbox-mode.ts";

/** Inputs of the legacy `sandbox_mode` derivation. */
export interface LegacyProfileInput {
  /** `-s` / `thread/start` `sandbox` override, else config `sandbox_mode`; null when neither is set. */
  configuredMode: SandboxMode | null;
  trust: "trusted" | "untrusted" | null;
  sandboxWorkspaceWrite: SandboxWorkspaceWrite | null;
  platform: Platform;
  windowsSandboxEnabled: boolean;
  constraint: SandboxConstraint;
}

/**
 * Derives the profile of the legacy syntax (`ConfigToml::derive_permission_profile`, config_toml.rs):
 * configured mode, else workspace-write for any trust decision, else read-only; Windows without its sandbox
 * downgrades workspace-write to read-only; workspace-write takes every `[sandbox_workspace_write]` knob
 * including `writable_roots`. A trust-derived default the constraint rejects silently becomes read-only.
 */
export function deriveLegacyProfile(input: LegacyProfileInput): PermissionProfile {
  const windowsUnsandboxed = input.platform === "windows" && !input.windowsSandboxEnabled;
  const resolved: SandboxMode =
    input.configuredMode ?? (input.trust !== null && !windowsUnsandboxed ? "workspace-write" : "read-only");
  const effective = windowsUnsandboxed && resolved === "workspace-write" ? "read-only" : resolved;
  let profile: PermissionProfile;
  if (effective === "danger-full-access") profile = { type: "disabled" };
  else if (effective === "workspace-write") profile = workspaceWriteProfile(input.sandboxWorkspaceWrite ?? {});
  else profile = readOnlyProfile();
  if (input.configuredMode === null && checkSandboxConstraint(profile, input.constraint) !== null) {
    return readOnlyProfile();
  }
  return profile;
}
