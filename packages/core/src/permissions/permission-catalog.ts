import type { TomlTable } from "../toml/toml-value.ts";
import { isBuiltinProfileName, READ_ONLY_PROFILE, WORKSPACE_PROFILE } from "./builtin-profiles.ts";

/** The permission-profile requirements (`allowed_permission_profiles`, `default_permissions`, managed profiles). */
export interface ProfileRequirements {
  allowedPermissionProfiles: Readonly<Record<string, boolean>> | null;
  defaultPermissions: string | null;
  managedProfiles: Readonly<Record<string, TomlTable>>;
}

function sortedKeys(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).sort();
}

/** True when `allowed_permission_profiles` maps the id to `true` (`is_permission_allowed`). */
export function isProfileAllowed(allowed: Readonly<Record<string, boolean>>, id: string): boolean {
  return allowed[id] === true;
}

/**
 * The fallback profile of `allowed_permission_profiles`: requirements `default_permissions`, else `:workspace`
 * when both `:workspace` and `:read-only` are allowed (`implicit_default_permissions`), else null.
 */
export function requiredFallbackProfile(requirements: ProfileRequirements): string | null {
  const allowed = requirements.allowedPermissionProfiles;
  if (requirements.defaultPermissions !== null) return requirements.defaultPermissions;
  if (allowed && isProfileAllowed(allowed, WORKSPACE_PROFILE) && isProfileAllowed(allowed, READ_ONLY_PROFILE)) {
    return WORKSPACE_PROFILE;
  }
  return null;
}

/**
 * Validates the requirements against the profile catalog (`validate_required_permission_profile_catalog`,
 * requirements-spec §1.2); the catalog is the built-ins plus config and managed profiles. Returns Codex's
 * error text or null. In 0.169.0 these errors stop `codex app-server` at startup [probed].
 */
export function validateRequiredProfileCatalog(
  requirements: ProfileRequirements,
  configProfiles: Readonly<Record<string, TomlTable>>,
): string | null {
  const allowed = requirements.allowedPermissionProfiles;
  if (allowed === null) {
    return requirements.defaultPermissions === null
      ? null
      : "requirements.toml default_permissions requires allowed_permission_profiles";
  }
  const known = (id: string) =>
    isBuiltinProfileName(id) || Object.hasOwn(configProfiles, id) || Object.hasOwn(requirements.managedProfiles, id);
  for (const id of sortedKeys(allowed)) {
    if (!known(id)) return `requirements.toml allowed_permission_profiles refers to undefined profile \`${id}\``;
  }
  const fallback = requiredFallbackProfile(requirements);
  if (fallback === null) {
    return "requirements.toml default_permissions must be set unless allowed_permission_profiles allows both `:workspace` and `:read-only`";
  }
  if (!isProfileAllowed(allowed, fallback)) {
    return `requirements.toml default_permissions \`${fallback}\` must be allowed by allowed_permission_profiles`;
  }
  return null;
}

/** The merged catalog of config and managed profiles, or Codex's error text. */
export type MergedCatalog = { catalog: Record<string, TomlTable>; error: null } | { catalog: null; error: string };

/**
 * Adds the managed `[permissions.<name>]` profiles to the config catalog (`merge_managed_permission_profiles`)
 * and checks profile names (`validate_user_permission_profile_names`): a managed name already defined in
 * config, or any name starting with `:`, is an error (requirements-spec §4.6 items 1–2).
 */
export function mergePermissionCatalog(
  configProfiles: Readonly<Record<string, TomlTable>>,
  managedProfiles: Readonly<Record<string, TomlTable>>,
): MergedCatalog {
  const catalog: Record<string, TomlTable> = { ...configProfiles };
  for (const id of sortedKeys(managedProfiles)) {
    if (Object.hasOwn(catalog, id)) {
      return {
        catalog: null,
        error: `requirements.toml permissions profile \`${id}\` conflicts with a config-defined profile of the same name`,
      };
    }
    catalog[id] = managedProfiles[id] as TomlTable;
  }
  for (const id of sortedKeys(catalog)) {
    if (id.startsWith(":")) {
      return { catalog: null, error: `permissions profile \`${id}\` uses a reserved built-in profile prefix` };
    }
  }
  return { catalog, error: null };
}
