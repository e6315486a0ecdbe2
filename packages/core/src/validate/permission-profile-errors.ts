import { mergePermissionCatalog, validateRequiredProfileCatalog } from "../permissions/permission-catalog.ts";
import { isTable, type KeyPath, type TomlTable } from "../toml/toml-value.ts";
import type { Finding } from "./diagnostic-at.ts";

/** The managed profiles of a requirements table: `[permissions.<name>]` except the reserved names. */
export function managedProfilesOf(table: TomlTable): Record<string, TomlTable> {
  const permissions = isTable(table.permissions) ? table.permissions : {};
  const out: Record<string, TomlTable> = {};
  for (const [name, profile] of Object.entries(permissions)) {
    if (name !== "filesystem" && name !== "network" && isTable(profile)) out[name] = profile;
  }
  return out;
}

function error(message: string, path: KeyPath): Finding {
  return { code: "requirements-permissions", severity: "error", message, path, at: "key" };
}

/**
 * The permission-profile catalog errors Codex raises for a requirements file that are decidable
 * from the file alone (requirements-spec §1.2, §4.6): a managed profile name with the reserved
 * `:` prefix, `default_permissions` without `allowed_permission_profiles`, no usable fallback, and
 * a fallback that is not allowed. A profile that is neither built in nor defined here might still
 * come from a user's config.toml, so the catalog is checked as if it did (see the
 * `undefined-permission-profile` lint).
 */
export function permissionProfileErrors(table: TomlTable): Finding[] {
  const managed = managedProfilesOf(table);
  const findings: Finding[] = [];
  const merged = mergePermissionCatalog({}, managed);
  if (merged.error) {
    const name = /profile `([^`]+)`/.exec(merged.error)?.[1];
    findings.push(error(merged.error, name !== undefined ? ["permissions", name] : ["permissions"]));
  }
  const allowed = isTable(table.allowed_permission_profiles)
    ? (table.allowed_permission_profiles as Record<string, boolean>)
    : null;
  const defaultPermissions = typeof table.default_permissions === "string" ? table.default_permissions : null;
  const assumedConfigProfiles = Object.fromEntries(Object.keys(allowed ?? {}).map((name) => [name, {}]));
  const message = validateRequiredProfileCatalog(
    { allowedPermissionProfiles: allowed, defaultPermissions, managedProfiles: managed },
    assumedConfigProfiles,
  );
  if (message) {
    const aboutDefault = defaultPermissions !== null && !message.includes("must be set unless");
    findings.push(error(message, aboutDefault ? ["default_permissions"] : ["allowed_permission_profiles"]));
  }
  return findings;
}
