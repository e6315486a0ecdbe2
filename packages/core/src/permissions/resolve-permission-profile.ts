import { isTable, type TomlTable } from "../toml/toml-value.ts";
import {
  builtinPermissionProfile,
  defaultBuiltinProfileName,
  readOnlyProfile,
  type SandboxWorkspaceWrite,
  WORKSPACE_PROFILE,
} from "./builtin-profiles.ts";
import { compileCustomProfile } from "./compile-profile.ts";
import { isDenyReadGlob } from "./deny-read-pattern.ts";
import { deriveLegacyProfile } from "./derive-legacy-profile.ts";
import { mergePermissionCatalog, validateRequiredProfileCatalog } from "./permission-catalog.ts";
import type { FileSystemEntry, PermissionProfile } from "./permission-profile.ts";
import { sameFileSystemPath } from "./permission-profile.ts";
import type {
  ActivePermissionProfile,
  PermissionResolution,
  PermissionResolutionInput,
} from "./permission-resolution.ts";
import { resolvePermissionSyntax } from "./permission-syntax.ts";
import { resolveProfileInheritance } from "./profile-inheritance.ts";
import { sandboxClassOf } from "./sandbox-class.ts";
import {
  checkSandboxConstraint,
  NEVER_WITHOUT_DANGER_FULL_ACCESS_ERROR,
  permissionProfileFallbackWarning,
  type SandboxConstraint,
  validateAllowedSandboxModes,
} from "./sandbox-constraint.ts";
import { parseConfigSandboxMode } from "./sandbox-mode.ts";
import { projectSandboxPolicy, sandboxModeOfPolicy } from "./sandbox-policy.ts";
import { selectPermissionProfile } from "./select-permission-profile.ts";

class StartupError extends Error {}

function tablesOf(value: unknown): Record<string, TomlTable> {
  if (!isTable(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, TomlTable] => isTable(entry[1])));
}

// `[sandbox_workspace_write]` (`SandboxWorkspaceWrite`); relative roots must already be absolutized by the loader.
function sandboxWorkspaceWriteOf(config: TomlTable): SandboxWorkspaceWrite | null {
  const table = config.sandbox_workspace_write;
  if (!isTable(table)) return null;
  const roots = Array.isArray(table.writable_roots) ? table.writable_roots : [];
  return {
    writableRoots: roots.filter((root): root is string => typeof root === "string"),
    networkAccess: table.network_access === true,
    excludeTmpdirEnvVar: table.exclude_tmpdir_env_var === true,
    excludeSlashTmp: table.exclude_slash_tmp === true,
  };
}

// `preserve_deny_read_restrictions_from`: append deny entries the restricted policy does not have yet.
function withDenyEntries(profile: PermissionProfile, denies: readonly FileSystemEntry[]): PermissionProfile {
  if (profile.type !== "managed" || profile.fileSystem.type !== "restricted" || denies.length === 0) return profile;
  const entries = [...profile.fileSystem.entries];
  for (const deny of denies) {
    if (!entries.some((entry) => entry.access === "deny" && sameFileSystemPath(entry.path, deny.path)))
      entries.push(deny);
  }
  return { ...profile, fileSystem: { ...profile.fileSystem, entries } };
}

function denyEntriesOf(profile: PermissionProfile): FileSystemEntry[] {
  if (profile.type !== "managed" || profile.fileSystem.type !== "restricted") return [];
  return profile.fileSystem.entries.filter((entry) => entry.access === "deny");
}

interface SelectedProfile {
  profile: PermissionProfile;
  active: ActivePermissionProfile | null;
  workspaceRoots: string[];
}

/**
 * Predicts the permission profile and sandbox Codex 0.169.0 starts a thread with (core/src/config/mod.rs
 * `load_config_with_layer_stack`, requirements-spec §4.5–§4.8): requirement validation, legacy vs named
 * profile syntax, `allowed_permission_profiles` selection, built-in or custom profile compilation, the
 * `allowed_sandbox_modes` / `deny_read` constraint with its read-only fallback, the never + danger-full-access
 * error, managed deny entries, and the `thread/start` `sandbox` projection.
 */
export function resolvePermissionProfile(input: PermissionResolutionInput): PermissionResolution {
  const selectionWarnings: string[] = [];
  const constraintWarnings: string[] = [];
  const result = (fields: Partial<PermissionResolution>): PermissionResolution => ({
    sandboxMode: null,
    sandboxPolicy: null,
    activePermissionProfile: null,
    permissionProfile: null,
    warnings: [...selectionWarnings, ...constraintWarnings],
    warningPhases: { selection: selectionWarnings, constraint: constraintWarnings },
    error: null,
    ...fields,
  });
  try {
    const selected = selectProfile(input, selectionWarnings);
    return result(applyConstraint(input, selected, constraintWarnings));
  } catch (error) {
    if (error instanceof StartupError) return result({ error: error.message });
    throw error;
  }
}

function constraintOf(input: PermissionResolutionInput): SandboxConstraint {
  const denyRead = input.requirements.denyRead;
  return {
    allowedSandboxModes: input.requirements.allowedSandboxModes,
    denyReadSource: denyRead !== null && denyRead.value.length > 0 ? denyRead.source : null,
  };
}

function check(error: string | null): void {
  if (error !== null) throw new StartupError(error);
}

function selectProfile(input: PermissionResolutionInput, warnings: string[]): SelectedProfile {
  const { config, requirements } = input;
  const overrides = input.overrides ?? {};
  const platform = input.platform;
  const windowsSandboxEnabled = input.windowsSandboxEnabled ?? false;
  if (requirements.allowedSandboxModes !== null) check(validateAllowedSandboxModes(requirements.allowedSandboxModes));
  const configProfiles = tablesOf(config.permissions);
  const profileRequirements = {
    allowedPermissionProfiles: requirements.allowedPermissionProfiles?.value ?? null,
    defaultPermissions: requirements.defaultPermissions,
    managedProfiles: requirements.managedProfiles,
  };
  if (overrides.sandboxMode && overrides.defaultPermissions) {
    check("`sandbox_mode` and `default_permissions` overrides cannot both be set");
  }
  // Order of `resolve_effective_permission_selection`: merge (conflicts), reserved names, then the
  // requirements catalog [probed with `codex debug prompt-input`].
  const merged = mergePermissionCatalog(configProfiles, requirements.managedProfiles);
  check(merged.error);
  check(validateRequiredProfileCatalog(profileRequirements, configProfiles));
  const catalog = merged.catalog ?? {};
  const syntax = resolvePermissionSyntax({
    layers: input.layers ?? null,
    config,
    sandboxModeOverride: Boolean(overrides.sandboxMode),
  });
  const configured =
    overrides.defaultPermissions ??
    (typeof config.default_permissions === "string" ? config.default_permissions : null);
  const selection = selectPermissionProfile(configured, profileRequirements);
  if (selection.warning !== null) warnings.push(selection.warning);
  const forced = requirements.allowedPermissionProfiles !== null;
  if (Object.keys(catalog).length > 0 && syntax !== "legacy" && selection.selected === null && !forced) {
    check("config defines `[permissions]` profiles but does not set `default_permissions`");
  }
  const profilesActive = forced || Boolean(overrides.defaultPermissions) || syntax !== "legacy";
  if (!profilesActive) {
    const profile = deriveLegacyProfile({
      configuredMode: overrides.sandboxMode ?? parseConfigSandboxMode(config.sandbox_mode),
      trust: input.trust,
      sandboxWorkspaceWrite: sandboxWorkspaceWriteOf(config),
      platform,
      windowsSandboxEnabled,
      constraint: constraintOf(input),
    });
    return { profile, active: null, workspaceRoots: [] };
  }
  const name = selection.selected ?? defaultBuiltinProfileName(input.trust, platform, windowsSandboxEnabled);
  const implicit = syntax === null && selection.selected === null;
  const workspaceWrite = implicit ? sandboxWorkspaceWriteOf(config) : null;
  // `extends` comes from config-defined profiles only: a managed profile reports `extends: null` [probed].
  const configExtends = configProfiles[name]?.extends;
  const active: ActivePermissionProfile | null =
    implicit && name === WORKSPACE_PROFILE && workspaceWrite !== null
      ? null
      : { id: name, extends: typeof configExtends === "string" ? configExtends : null };
  const builtin = builtinPermissionProfile(name, workspaceWrite);
  if (builtin !== null) {
    const roots = name === WORKSPACE_PROFILE && workspaceWrite !== null ? workspaceWrite.writableRoots : [];
    return { profile: builtin, active, workspaceRoots: roots };
  }
  if (name.startsWith(":")) check(`default_permissions refers to unknown built-in profile \`${name}\``);
  if (!isTable(config.permissions) && Object.keys(requirements.managedProfiles).length === 0) {
    check("default_permissions requires a `[permissions]` table");
  }
  const resolved = resolveProfileInheritance(catalog, name);
  check(resolved.error);
  const compiled = compileCustomProfile(name, resolved.profile ?? {}, {
    cwd: input.cwd,
    homeDir: input.homeDir,
    platform,
  });
  warnings.push(...compiled.warnings);
  check(compiled.error);
  return { profile: compiled.profile as PermissionProfile, active, workspaceRoots: compiled.workspaceRoots };
}

function applyConstraint(
  input: PermissionResolutionInput,
  selected: SelectedProfile,
  warnings: string[],
): Partial<PermissionResolution> {
  let { profile, active, workspaceRoots } = selected;
  const detail = checkSandboxConstraint(profile, constraintOf(input));
  if (detail !== null) {
    // The constraint's initial value is always the plain read-only profile (requirements-spec §4.1).
    const fallback = readOnlyProfile();
    warnings.push(permissionProfileFallbackWarning(fallback, detail));
    if (sandboxClassOf(profile) === "danger-full-access" && input.approvalPolicy === "never") {
      check(NEVER_WITHOUT_DANGER_FULL_ACCESS_ERROR);
    }
    profile = withDenyEntries(fallback, denyEntriesOf(profile));
    active = null;
    workspaceRoots = [];
  }
  const managedDenies: FileSystemEntry[] = (input.requirements.denyRead?.value ?? []).map((pattern) => ({
    path: isDenyReadGlob(pattern) ? { type: "glob", pattern } : { type: "path", path: pattern },
    access: "deny",
  }));
  profile = withDenyEntries(profile, managedDenies);
  const sandboxPolicy = projectSandboxPolicy(profile, {
    cwd: input.cwd,
    workspaceRoots: [...new Set([input.cwd, ...workspaceRoots])],
    tmpdir: input.tmpdir ?? null,
    platform: input.platform,
  });
  return {
    sandboxMode: sandboxModeOfPolicy(sandboxPolicy),
    sandboxPolicy,
    activePermissionProfile: active,
    permissionProfile: profile,
  };
}
