import { cloneToml, isTable, type TomlValue } from "../toml/toml-value.ts";

/**
 * Codex's `merge_toml_values` (requirements-spec §2.3): when both sides are tables, merge key by
 * key (keys only in the overlay are inserted); otherwise the overlay replaces the base. Arrays are
 * replaced, never concatenated. Mutates and returns `base`.
 */
export function mergeTomlValues<T extends TomlValue>(base: T, overlay: TomlValue): TomlValue {
  if (isTable(base) && isTable(overlay)) {
    for (const [key, value] of Object.entries(overlay)) {
      const existing = base[key];
      base[key] = existing === undefined ? cloneToml(value) : mergeTomlValues(existing, value);
    }
    return base;
  }
  return cloneToml(overlay);
}
