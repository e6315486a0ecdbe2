import { setOwn } from "../serde/schema.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { normalizedWithKeyAliases, normalizeTableKeyAliases } from "./key-aliases.ts";

/**
 * Codex's `merge_toml_values` (`codex-rs/config/src/merge.rs`; requirements-spec §2.3, oracle.md
 * §2.3): when both sides are tables they merge key by key (keys only in the overlay are
 * inserted); anything else is replaced by the overlay, so arrays never concatenate. On top of
 * that, 0.169.0 (all probed through `config/read`):
 *
 * - renames key aliases on both sides first (`key-aliases.ts`);
 * - `shell_environment_policy`: an overlay written in one filter representation drops the other
 *   representation from the base (`filters` removes `exclude`/`include_only` and vice versa);
 *   `filters` keys compare lower-cased when both sides have them;
 * - `features.{multi_agent_v2,network_proxy,sleep_tool}` accept `true` or `{ enabled = … }`:
 *   a boolean merged onto a table sets its `enabled`, a table merged onto a boolean keeps it as
 *   `enabled`;
 * - `permissions.<p>.network.domains` (and `application.network.domains`) keys are host-normalized
 *   (`Example.COM.` and `example.com:443` both become `example.com`).
 *
 * Mutates `base` and returns the merged value (a new value when `base` is replaced).
 */
export function mergeTomlValues<T extends TomlValue>(base: T, overlay: TomlValue): TomlValue {
  return mergeAt(base, overlay, []);
}

/** The `[features]` keys whose value may be a boolean or a table with `enabled` (`is_structured_feature_path`). */
export const STRUCTURED_FEATURE_KEYS: readonly string[] = ["multi_agent_v2", "network_proxy", "sleep_tool"];

/** True for `features.<structured>` (also under a legacy `profiles.<name>`). */
export function isStructuredFeaturePath(path: readonly string[]): boolean {
  const tail =
    path.length === 4 && path[0] === "profiles" ? path.slice(2) : path.length === 2 ? path : ([] as string[]);
  return tail[0] === "features" && STRUCTURED_FEATURE_KEYS.includes(tail[1] ?? "");
}

function mergeAt(base: TomlValue, overlay: TomlValue, path: string[]): TomlValue {
  replaceShellEnvironmentRepresentation(base, overlay, path);
  let target = base;
  if (isStructuredFeaturePath(path)) {
    if (typeof target === "boolean" && isTable(overlay)) target = { enabled: target };
    else if (isTable(target) && typeof overlay === "boolean") {
      target.enabled = overlay;
      return target;
    }
  }
  if (!isTable(target) || !isTable(overlay)) return normalizedWithKeyAliases(overlay, path);
  normalizeTableKeyAliases(path, target);
  let incoming = normalizedCopy(overlay, path);
  const keyNormalizer = mergeKeyNormalizer(path);
  if (keyNormalizer) {
    renameKeys(target, keyNormalizer);
    incoming = renamedCopy(incoming, keyNormalizer);
  }
  for (const [key, value] of Object.entries(incoming)) {
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    const merged =
      existing === undefined
        ? normalizedWithKeyAliases(value, [...path, key])
        : mergeAt(existing, value, [...path, key]);
    setOwn(target, key, merged);
  }
  return target;
}

// The overlay table itself (not its children) with aliases renamed; children are normalized on insert.
function normalizedCopy(table: TomlTable, path: string[]): TomlTable {
  const copy: TomlTable = {};
  for (const [key, value] of Object.entries(table)) setOwn(copy, key, value);
  normalizeTableKeyAliases(path, copy);
  return copy;
}

const SHELL_POLICY_LEGACY = ["exclude", "include_only"];

function replaceShellEnvironmentRepresentation(base: TomlValue, overlay: TomlValue, path: string[]): void {
  if (path.length !== 1 || path[0] !== "shell_environment_policy" || !isTable(base) || !isTable(overlay)) return;
  if (Object.hasOwn(overlay, "filters")) for (const field of SHELL_POLICY_LEGACY) delete base[field];
  else if (SHELL_POLICY_LEGACY.some((field) => Object.hasOwn(overlay, field))) delete base.filters;
}

function mergeKeyNormalizer(path: string[]): ((key: string) => string) | null {
  const isDomains =
    (path.length === 4 && path[0] === "permissions" && path[2] === "network" && path[3] === "domains") ||
    (path.length === 3 && path[0] === "application" && path[1] === "network" && path[2] === "domains");
  if (isDomains) return normalizeHost;
  if (path.length === 2 && path[0] === "shell_environment_policy" && path[1] === "filters") {
    return (key) => key.toLowerCase();
  }
  return null;
}

function renameKeys(table: TomlTable, normalize: (key: string) => string): void {
  const entries = Object.entries(table);
  for (const [key] of entries) delete table[key];
  for (const [key, value] of entries) setOwn(table, normalize(key), value);
}

function renamedCopy(table: TomlTable, normalize: (key: string) => string): TomlTable {
  const copy: TomlTable = {};
  for (const [key, value] of Object.entries(table)) setOwn(copy, normalize(key), value);
  return copy;
}

/** `codex_network_proxy::normalize_host`: trims, strips `[…]` or a single `:port`, lower-cases, drops trailing dots. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim();
  const dns = (value: string) => value.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\.+$/, "");
  if (trimmed.startsWith("[")) {
    const end = trimmed.indexOf("]");
    if (end >= 0) return dns(trimmed.slice(1, end));
  }
  if ((trimmed.match(/:/g) ?? []).length === 1) return dns(trimmed.split(":")[0] ?? "");
  return dns(trimmed);
}
