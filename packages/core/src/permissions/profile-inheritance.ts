import { mergeTomlValues } from "../config/merge-toml.ts";
import { cloneToml, type TomlTable } from "../toml/toml-value.ts";
import { extensibleBuiltinParent } from "./builtin-profiles.ts";

/** A profile after `extends` was followed and merged, or Codex's resolution error. */
export type ProfileInheritanceResult = { profile: TomlTable; error: null } | { profile: null; error: string };

// `merge_permission_profiles`: description and extends belong to the selected declaration, never a parent.
function mergeParentAndChild(parent: TomlTable, child: TomlTable): TomlTable {
  const { description: _description, extends: _extends, ...inheritable } = parent;
  return mergeTomlValues(cloneToml(inheritable), child) as TomlTable;
}

/**
 * Follows a profile's `extends` chain through the catalog and the extensible built-ins (`:read-only`,
 * `:workspace`) and merges parents under children (`PermissionsToml::resolve_profile`, spec §1.2). Errors:
 * undefined profile, undefined parent, unsupported built-in parent (any other `:name`), inheritance cycle.
 */
export function resolveProfileInheritance(
  catalog: Readonly<Record<string, TomlTable>>,
  profileName: string,
): ProfileInheritanceResult {
  const names: string[] = [];
  const chain: TomlTable[] = [];
  let next = profileName;
  let referencedBy: string | null = null;
  for (;;) {
    const cycleStart = names.indexOf(next);
    if (cycleStart >= 0) {
      const cycle = [...names.slice(cycleStart), next];
      return { profile: null, error: `permissions profile inheritance cycle detected: ${cycle.join(" -> ")}` };
    }
    const profile = Object.hasOwn(catalog, next) ? catalog[next] : extensibleBuiltinParent(next);
    if (profile === null || profile === undefined) {
      if (referencedBy === null) {
        return { profile: null, error: `default_permissions refers to undefined profile \`${next}\`` };
      }
      const error = next.startsWith(":")
        ? `permissions profile \`${referencedBy}\` cannot extend unsupported built-in profile \`${next}\``
        : `permissions profile \`${referencedBy}\` extends undefined profile \`${next}\``;
      return { profile: null, error };
    }
    names.push(next);
    const parentName = typeof profile.extends === "string" ? profile.extends : null;
    if (parentName === null) {
      const merged = chain.reduceRight<TomlTable>((parent, child) => mergeParentAndChild(parent, child), profile);
      return { profile: merged, error: null };
    }
    chain.push(profile);
    referencedBy = next;
    next = parentName;
  }
}
