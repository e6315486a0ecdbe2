import { setOwn } from "../serde/schema.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/**
 * Codex's config key aliases (`key_aliases.rs`): a legacy key inside a given table is renamed to
 * its canonical spelling before layers are merged and before origins are recorded. When both
 * spellings are present the canonical one wins. Probed on 0.169.0: `config/read` origins report
 * `memories.disable_on_external_context` for a user `[memories] no_memories_if_mcp_or_web_search`,
 * while the layer itself keeps the raw spelling.
 */
const CONFIG_KEY_ALIASES: ReadonlyArray<{ table: readonly string[]; legacy: string; canonical: string }> = [
  { table: ["memories"], legacy: "no_memories_if_mcp_or_web_search", canonical: "disable_on_external_context" },
  { table: ["agents"], legacy: "max_threads", canonical: "max_concurrent_threads_per_session" },
];

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

/** Renames the aliased keys of the table found at `path` in place (`normalize_table_key_aliases`). */
export function normalizeTableKeyAliases(path: readonly string[], table: TomlTable): void {
  for (const alias of CONFIG_KEY_ALIASES) {
    if (!samePath(path, alias.table) || !Object.hasOwn(table, alias.legacy)) continue;
    const value = table[alias.legacy] as TomlValue;
    delete table[alias.legacy];
    if (!Object.hasOwn(table, alias.canonical)) setOwn(table, alias.canonical, value);
  }
}

/** A deep copy of `value` (found at `path`) with every aliased key renamed (`normalized_with_key_aliases`). */
export function normalizedWithKeyAliases(value: TomlValue, path: readonly string[]): TomlValue {
  if (Array.isArray(value)) return value.map((item) => normalizedWithKeyAliases(item, path));
  if (!isTable(value)) return value;
  const out: TomlTable = {};
  for (const [key, child] of Object.entries(value)) setOwn(out, key, normalizedWithKeyAliases(child, [...path, key]));
  normalizeTableKeyAliases(path, out);
  return out;
}
