import type { ConfigLayer } from "../config/config-layer.ts";
import type { ApprovalPolicy } from "../constraints/approval-policy.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import type { Platform } from "./builtin-profiles.ts";
import type { PermissionProfile } from "./permission-profile.ts";
import type { RequirementSourced } from "./sandbox-constraint.ts";
import type { SandboxMode } from "./sandbox-mode.ts";
import type { SandboxPolicyJson } from "./sandbox-policy.ts";

/** The permission requirements that bear on sandbox selection (already composed, requirements-spec §2–§3). */
export interface PermissionRequirements {
  allowedSandboxModes: RequirementSourced<readonly SandboxMode[]> | null;
  allowedPermissionProfiles: RequirementSourced<Readonly<Record<string, boolean>>> | null;
  /** Requirements `default_permissions`. */
  defaultPermissions: string | null;
  /** Managed `[permissions.<name>]` profiles (without the reserved `filesystem` and `network` tables). */
  managedProfiles: Readonly<Record<string, TomlTable>>;
  /** Managed `permissions.filesystem.deny_read`, each already resolved by `resolveDenyReadPattern`. */
  denyRead: RequirementSourced<readonly string[]> | null;
}

/** Everything `resolvePermissionProfile` needs; it does no I/O. */
export interface PermissionResolutionInput {
  /** The merged effective config table (`sandbox_mode`, `sandbox_workspace_write`, `default_permissions`, `permissions`). */
  config: TomlTable;
  /** The config layers, to decide legacy vs profile syntax per layer; null ⇒ decided from the merged table. */
  layers?: readonly ConfigLayer[] | null;
  /** Trust decision of the cwd's project entry (`[projects."…"] trust_level`), null when there is none. */
  trust: "trusted" | "untrusted" | null;
  /** Absolute working directory of the thread. */
  cwd: string;
  /** Home directory for `~/…` paths in profiles. */
  homeDir: string;
  /** `$TMPDIR` as Codex sees it (null when unset or empty). */
  tmpdir?: string | null;
  platform: Platform;
  /** Windows only: whether a Windows sandbox level is enabled. */
  windowsSandboxEnabled?: boolean;
  /** Harness overrides: `-s` / `thread/start` `sandbox`, `--default-permissions`. */
  overrides?: { sandboxMode?: SandboxMode | null; defaultPermissions?: string | null };
  /** The effective approval policy (after its own requirement fallback); `"never"` enables the §4.8 error. */
  approvalPolicy: ApprovalPolicy;
  requirements: PermissionRequirements;
}

/** `thread/start`'s `activePermissionProfile`: the selected named profile and its config `extends`. */
export interface ActivePermissionProfile {
  id: string;
  extends: string | null;
}

/** What Codex starts with, or the startup error it fails with (then the other fields are null). */
export interface PermissionResolution {
  sandboxMode: SandboxMode | null;
  sandboxPolicy: SandboxPolicyJson | null;
  activePermissionProfile: ActivePermissionProfile | null;
  /** The effective canonical profile, managed deny entries included. */
  permissionProfile: PermissionProfile | null;
  /** Startup warnings in Codex's order. */
  warnings: string[];
  /**
   * The same warnings split by phase: Codex prints its `approval_policy` / `approvals_reviewer` fallback
   * warnings between `selection` and `constraint`, so a caller merging warnings can interleave them.
   */
  warningPhases: { selection: string[]; constraint: string[] };
  error: string | null;
}
