import { mergeTomlValues } from "../config/merge-toml.ts";
import { cloneToml, isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { hasConfigRequirements } from "./app-server/config-requirements-presence.ts";
import { asHooksTable, type HookDirectoryKey, HooksMerge, type MergedHooks } from "./hooks-merge.ts";
import { applyRemoteSandboxConfig } from "./remote-sandbox-config.ts";
import type { RequirementLayer, RequirementsError } from "./requirement-layer.ts";
import { compositeSource, displayRequirementSource, type RequirementSource } from "./requirement-source.ts";

/** Keys cloud (enterprise-managed) layers may not set; Codex drops them before validation (spec §1.9). */
const LOCAL_ONLY_KEYS = [
  "allowed_login_methods",
  "allowed_chatgpt_workspaces",
  "cli_auth_credentials_store",
  "chatgpt_base_url",
];

/** Path-valued keys resolved against the layer's base directory before merging (spec §2.2 step 7). */
const PATH_KEYS = ["sqlite_home", "log_dir", "model_catalog_json"];

/** How one layer's TOML is validated: null when valid, else serde's message (with its `in` suffix). */
export type LayerValidator = (table: TomlTable) => { message: string; keyPath: ReadonlyArray<string | number> } | null;

/** Resolves one `deny_read` entry against a base directory (spec §1.2). */
export type DenyReadResolver = (pattern: string, baseDir: string) => string;

/** Inputs that vary per host and platform. */
export interface ComposeOptions {
  /** The host's name for `remote_sandbox_config`, or null when unknown. */
  hostname: string | null;
  activeHookDirectory: HookDirectoryKey;
  validate: LayerValidator;
  resolveDenyRead: DenyReadResolver;
  /** Resolves a path-valued key against a base directory. */
  resolvePath: (value: string, baseDir: string) => string;
}

/** The composed requirements: the merged table plus provenance of every top-level key. */
export interface ComposedRequirements {
  /** Merged regular fields with the special fields put back (`rules`, `hooks`, `permissions.filesystem.deny_read`). */
  table: TomlTable;
  /** The layer (or composite of layers) that set a top-level key, as `(set by …)` names it. */
  sourceOf(key: string): RequirementSource;
  rules: { table: TomlTable; source: RequirementSource } | null;
  hooks: MergedHooks | null;
  denyRead: { patterns: string[]; source: RequirementSource } | null;
}

interface PreparedLayer {
  source: RequirementSource;
  regular: TomlTable;
  rules: TomlTable | undefined;
  hooks: TomlTable | undefined;
  denyRead: string[] | undefined;
  requiredOnModels: string[] | undefined;
}

/**
 * Composes requirement layers (lowest first) the way Codex 0.169.0's requirements stack does
 * (requirements-spec §2.2–§2.3): per-layer preprocessing, a config-style deep merge of regular
 * fields, then the additive special merges visited highest first. `auto_review.required_on_models`
 * is a union, highest first (spec §2.3; the stack code for it was not read, open question 5).
 */
export function composeRequirements(
  layers: readonly RequirementLayer[],
  options: ComposeOptions,
): { value: ComposedRequirements | null } | { error: RequirementsError } {
  const prepared: PreparedLayer[] = [];
  for (const layer of layers) {
    const result = prepareLayer(layer, options);
    if ("error" in result) return result;
    prepared.push(result.value);
  }

  const merged: TomlTable = {};
  for (const layer of prepared) mergeTomlValues(merged, layer.regular);
  const invalid = options.validate(merged);
  if (invalid) {
    return {
      error: {
        message: `failed to parse merged requirements: ${invalid.message}`,
        source: null,
        keyPath: invalid.keyPath,
      },
    };
  }

  let rules: ComposedRequirements["rules"] = null;
  const hooks = new HooksMerge(options.activeHookDirectory);
  const denyRead: string[] = [];
  const denyReadSources: RequirementSource[] = [];
  const requiredOnModels: string[] = [];
  const requiredOnModelsSources: RequirementSource[] = [];
  for (const layer of [...prepared].reverse()) {
    if (layer.rules) rules = mergeRules(rules, layer.rules, layer.source);
    const conflict = hooks.add(layer.hooks, layer.source);
    if (conflict) return { error: conflict };
    if (layer.denyRead && layer.denyRead.length > 0) {
      denyReadSources.push(layer.source);
      for (const pattern of layer.denyRead) if (!denyRead.includes(pattern)) denyRead.push(pattern);
    }
    if (layer.requiredOnModels && layer.requiredOnModels.length > 0) requiredOnModelsSources.push(layer.source);
    for (const slug of layer.requiredOnModels ?? []) if (!requiredOnModels.includes(slug)) requiredOnModels.push(slug);
  }

  const table = cloneToml(merged);
  if (rules) table.rules = rules.table;
  const mergedHooks = hooks.result();
  if (mergedHooks) table.hooks = mergedHooks.table;
  if (denyRead.length > 0) setNested(table, ["permissions", "filesystem", "deny_read"], denyRead);
  if (requiredOnModels.length > 0) setNested(table, ["auto_review", "required_on_models"], requiredOnModels);
  if (!hasConfigRequirements(table)) return { value: null };

  return {
    value: {
      table,
      sourceOf: (key) => {
        const source = sourceForTopLevelKey(prepared, key);
        if (key !== "auto_review" || requiredOnModelsSources.length === 0) return source;
        return compositeSource([...(source.kind === "unspecified" ? [] : [source]), ...requiredOnModelsSources]);
      },
      rules,
      hooks: mergedHooks,
      denyRead: denyRead.length > 0 ? { patterns: denyRead, source: compositeSource(denyReadSources) } : null,
    },
  };
}

function prepareLayer(
  layer: RequirementLayer,
  options: ComposeOptions,
): { value: PreparedLayer } | { error: RequirementsError } {
  const regular = cloneToml(layer.table);
  if (layer.source.kind === "cloud") for (const key of LOCAL_ONLY_KEYS) delete regular[key];
  resolveProviderAuthCwd(regular, layer.baseDir, options);

  const { model_providers: _providers, ...validated } = regular;
  const invalid = options.validate(validated);
  if (invalid) {
    return {
      error: {
        message: `failed to parse requirements layer ${displayRequirementSource(layer.source)}: ${invalid.message}`,
        source: layer.source,
        keyPath: invalid.keyPath,
      },
    };
  }

  if (regular.feature_requirements !== undefined) {
    regular.features = regular.feature_requirements;
    delete regular.feature_requirements;
  }
  applyRemoteSandboxConfig(regular, options.hostname);
  for (const key of PATH_KEYS) {
    const value = regular[key];
    if (typeof value === "string") regular[key] = options.resolvePath(value, layer.baseDir);
  }

  const rules = isTable(regular.rules) ? regular.rules : undefined;
  const hooks = asHooksTable(regular.hooks);
  delete regular.rules;
  delete regular.hooks;
  const denyReadValue = removeNestedAndPrune(regular, ["permissions", "filesystem", "deny_read"]);
  const requiredOnModelsValue = removeNestedAndPrune(regular, ["auto_review", "required_on_models"]);
  const denyRead = Array.isArray(denyReadValue)
    ? denyReadValue
        .filter((p): p is string => typeof p === "string")
        .map((p) => options.resolveDenyRead(p, layer.baseDir))
    : undefined;
  const requiredOnModels = Array.isArray(requiredOnModelsValue)
    ? requiredOnModelsValue.filter((slug): slug is string => typeof slug === "string")
    : undefined;
  return { value: { source: layer.source, regular, rules, hooks, denyRead, requiredOnModels } };
}

function resolveProviderAuthCwd(table: TomlTable, baseDir: string, options: ComposeOptions): void {
  const providers = table.model_providers;
  if (!isTable(providers)) return;
  for (const provider of Object.values(providers)) {
    if (!isTable(provider) || !isTable(provider.auth)) continue;
    const cwd = provider.auth.cwd;
    if (typeof cwd === "string") provider.auth.cwd = options.resolvePath(cwd, baseDir);
  }
}

/** `rules.prefix_rules` concatenate, highest-priority layer first (spec §2.3). */
function mergeRules(
  existing: ComposedRequirements["rules"],
  incoming: TomlTable,
  source: RequirementSource,
): NonNullable<ComposedRequirements["rules"]> {
  if (existing === null) return { table: cloneToml(incoming), source };
  const current = Array.isArray(existing.table.prefix_rules) ? existing.table.prefix_rules : [];
  const added = Array.isArray(incoming.prefix_rules) ? (cloneToml(incoming.prefix_rules) as TomlValue[]) : [];
  existing.table.prefix_rules = [...current, ...added];
  return { table: existing.table, source: compositeSource([existing.source, source]) };
}

/**
 * `source_for_top_level_keys`: the highest layer setting the key; when the winning value is a
 * table set by several layers, the composite of those layers, highest first.
 */
function sourceForTopLevelKey(layers: readonly PreparedLayer[], key: string): RequirementSource {
  const keys = key === "features" || key === "feature_requirements" ? ["features", "feature_requirements"] : [key];
  const matching = layers.flatMap((layer) => {
    const found = keys.map((k) => layer.regular[k]).find((v) => v !== undefined);
    return found === undefined ? [] : [{ source: layer.source, value: found }];
  });
  const winner = matching[matching.length - 1];
  if (!winner) return { kind: "unspecified" };
  if (!isTable(winner.value)) return winner.source;
  const tableSources = matching
    .filter((m) => isTable(m.value))
    .map((m) => m.source)
    .reverse();
  return tableSources.length > 1 ? compositeSource(tableSources) : winner.source;
}

function removeNestedAndPrune(table: TomlTable, path: readonly string[]): TomlValue | undefined {
  const [key, ...rest] = path;
  if (key === undefined) return undefined;
  if (rest.length === 0) {
    const removed = table[key];
    delete table[key];
    return removed;
  }
  const child = table[key];
  if (!isTable(child)) return undefined;
  const removed = removeNestedAndPrune(child, rest);
  if (Object.keys(child).length === 0) delete table[key];
  return removed;
}

function setNested(table: TomlTable, path: readonly string[], value: TomlValue): void {
  let current = table;
  for (const key of path.slice(0, -1)) {
    if (!isTable(current[key])) current[key] = {};
    current = current[key] as TomlTable;
  }
  current[path[path.length - 1]!] = value;
}
