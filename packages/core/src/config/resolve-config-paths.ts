import { cloneToml, isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { type PathFlavor, resolveAbsolutePathBuf } from "./config-path.ts";

/** How one layer's relative paths are resolved: its base directory and the user's home (for `~`). */
export interface PathResolution {
  readonly flavor: PathFlavor;
  readonly baseDir: string;
  readonly homeDir: string | null;
}

// `AbsolutePathBuf` fields of 0.169.0's `ConfigToml` that the layer view shows resolved (probed:
// `sqlite_home`, `log_dir`, `js_repl_node_module_dirs`, `experimental_compact_prompt_file`,
// `agents.<role>.config_file`, `skills.config[].path`, `model_providers.<id>.auth.cwd`; not
// `mcp_servers.<n>.cwd` nor `debug.config_lockfile.export_dir`).
const TOP_LEVEL_PATHS = [
  "model_instructions_file",
  "js_repl_node_path",
  "sqlite_home",
  "log_dir",
  "model_catalog_json",
  "experimental_compact_prompt_file",
];

/**
 * `resolve_relative_paths_in_config_toml` (loader/mod.rs): a layer's path-typed fields are made
 * absolute against the layer's base directory (the file's folder; the cwd for `-c`; `$CODEX_HOME`
 * for cloud and MDM layers). Codex does this through a `ConfigToml` round trip and leaves the layer
 * untouched when that fails, so callers pass `deserializes = false` for a layer with a type error.
 */
export function resolveConfigPaths(config: TomlTable, resolution: PathResolution, deserializes: boolean): TomlTable {
  if (!deserializes) return config;
  const out = cloneToml(config);
  const resolve = (value: TomlValue | undefined): TomlValue | undefined =>
    typeof value === "string"
      ? resolveAbsolutePathBuf(resolution.flavor, value, resolution.baseDir, resolution.homeDir)
      : value;
  for (const key of TOP_LEVEL_PATHS) if (typeof out[key] === "string") out[key] = resolve(out[key]) as string;
  const moduleDirs = out.js_repl_node_module_dirs;
  if (Array.isArray(moduleDirs)) out.js_repl_node_module_dirs = moduleDirs.map((dir) => resolve(dir) as TomlValue);
  for (const role of tablesIn(out.agents))
    if (typeof role.config_file === "string") role.config_file = resolve(role.config_file) as string;
  const skills = isTable(out.skills) ? out.skills.config : undefined;
  if (Array.isArray(skills)) {
    for (const entry of skills)
      if (isTable(entry) && typeof entry.path === "string") entry.path = resolve(entry.path) as string;
  }
  for (const provider of tablesIn(out.model_providers)) {
    if (isTable(provider.auth) && typeof provider.auth.cwd === "string")
      provider.auth.cwd = resolve(provider.auth.cwd) as string;
  }
  return out;
}

function tablesIn(value: TomlValue | undefined): TomlTable[] {
  return isTable(value) ? Object.values(value).filter(isTable) : [];
}
