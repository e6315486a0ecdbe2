import { buildSessionFlagsLayer } from "../config/cli-overrides.ts";
import { mergeTomlValues } from "../config/merge-toml.ts";
import { cloneToml, type TomlTable } from "../toml/toml-value.ts";
import type { FeatureRegistry } from "./feature-registry.ts";

/** The `--enable NAME` / `--disable NAME` flags of one Codex invocation, in command-line order. */
export interface CliFeatureFlags {
  readonly enable: readonly string[];
  readonly disable: readonly string[];
}

/** A config table with the CLI feature flags applied, or the usage error Codex exits with. */
export interface CliFeatureFlagsResult {
  readonly value: TomlTable;
  readonly error: string | null;
}

/**
 * Applies `--enable`/`--disable` on top of an already merged config, for callers that did not
 * build them into the session-flags layer (`buildSessionFlagsLayer` owns the rule: unknown names
 * fail with `Unknown feature flag: NAME`, flags land after `-c` as `features.NAME=true|false`,
 * disables last, names split on dots). Probed on 0.169.0: the legacy `managed_config.toml`
 * layer still sits above them, so its `[features]` (`above`) is merged back on top.
 */
export function applyCliFeatureFlags(
  registry: FeatureRegistry,
  config: TomlTable,
  flags: CliFeatureFlags,
  above: TomlTable | null = null,
): CliFeatureFlagsResult {
  const session = buildSessionFlagsLayer(registry, [], flags.enable, flags.disable);
  if (!session.ok) return { value: config, error: session.message };
  if (session.config === null) return { value: config, error: null };
  let value = mergeTomlValues(cloneToml(config), session.config) as TomlTable;
  const aboveFeatures = above?.features;
  if (aboveFeatures !== undefined) value = mergeTomlValues(value, { features: cloneToml(aboveFeatures) }) as TomlTable;
  return { value, error: null };
}
