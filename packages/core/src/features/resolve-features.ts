import { isTable, type TomlTable } from "../toml/toml-value.ts";
import { applyCliFeatureFlags, type CliFeatureFlags } from "./apply-cli-feature-flags.ts";
import { collectFeatureDeprecations, type FeatureDeprecation, unstableFeaturesWarning } from "./feature-notices.ts";
import { type CodexVersion, FEATURE_REGISTRIES, type FeatureRegistry, featureForKey } from "./feature-registry.ts";
import { compareKeys, readFeatureEntries } from "./read-feature-entries.ts";
import { validateRolloutBudget } from "./validate-rollout-budget.ts";

/** The composed requirements `[features]` table (§1.3) and the display string of its source. */
export interface FeatureRequirementPins {
  readonly entries: ReadonlyArray<readonly [string, boolean]>;
  /** Used in messages, e.g. `/etc/codex/requirements.toml`. */
  readonly source: string;
}

/** What `resolveFeatures` needs: the merged config and what the requirements say about features. */
export interface ResolveFeaturesInput {
  readonly version?: CodexVersion;
  /** The merged config table of every layer, `-c` session overrides included. */
  readonly config: TomlTable;
  readonly cli?: CliFeatureFlags;
  /** The legacy `managed_config.toml` table: the one layer above the session flags, so above `--enable`. */
  readonly aboveSessionFlags?: TomlTable | null;
  readonly requirements: FeatureRequirementPins | null;
  /** True when requirements `allowed_approvals_reviewers` does not allow `user` (§4.3). */
  readonly reviewersExcludeUser: boolean;
  /**
   * The merge of the layers Codex reports legacy feature usage from (user `config.toml` and `-c`
   * were observed to count; `/etc/codex/config.toml` and `managed_config.toml` not). Defaults to `config`.
   */
  readonly noticeConfig?: TomlTable;
  /** `$CODEX_HOME/config.toml`, named in the under-development warning. */
  readonly userConfigPath?: string;
}

/** The effective feature set and everything Codex says while computing it. */
export interface ResolvedFeatures {
  /** Every feature → enabled, in `experimentalFeature/list` order; empty when `error` is set. */
  readonly features: Record<string, boolean>;
  /** The features whose value differs from their default (the oracle's `featuresChangedFromDefault`). */
  readonly changedFromDefault: Record<string, boolean>;
  /** Startup warnings from the requirement pins, in Codex's order. */
  readonly warnings: string[];
  /** The fatal error Codex stops with (its message without the per-surface prefix), or null. */
  readonly error: string | null;
  /** Deprecation notices for legacy `[features]` keys. */
  readonly deprecations: FeatureDeprecation[];
  /** Warnings raised when a session starts (`thread/start`), not at config load. */
  readonly sessionWarnings: string[];
}

/**
 * Computes the effective features of a Codex session as 0.169.0 does: defaults, then the
 * configured `[features]` entries (sorted by key, aliases resolved, ignored features skipped),
 * dependency normalization, `guardianv2` forced off when reviewers exclude `user` (§4.3), then
 * the requirement pins forced on top, normalized again and verified (§4.4).
 */
export function resolveFeatures(input: ResolveFeaturesInput): ResolvedFeatures {
  const registry = FEATURE_REGISTRIES[input.version ?? "0.169.0"];
  const warnings: string[] = [];
  const fail = (error: string): ResolvedFeatures => ({
    features: {},
    changedFromDefault: {},
    warnings,
    error,
    deprecations: [],
    sessionWarnings: [],
  });
  const flags = input.cli ?? { enable: [], disable: [] };
  const withFlags = applyCliFeatureFlags(registry, input.config, flags, input.aboveSessionFlags ?? null);
  if (withFlags.error) return fail(withFlags.error);
  const config = withFlags.value;
  const configured = readFeatureEntries(registry, config);
  if (configured.error) return fail(configured.error);

  const state = new Map(registry.features.map((spec) => [spec.key, spec.defaultEnabled]));
  const skipped = new Set([...registry.configIgnored, ...Object.keys(registry.inert)]);
  for (const [key, enabled] of configured.entries) {
    const feature = featureForKey(registry, key);
    if (feature !== undefined && !skipped.has(feature)) state.set(feature, enabled);
  }
  normalizeDependencies(registry, state);
  if (input.reviewersExcludeUser) state.set("guardianv2", false);

  const pins = input.requirements ? parsePins(registry, input.requirements, warnings) : new Map<string, boolean>();
  for (const [feature, enabled] of pins) state.set(feature, enabled);
  normalizeDependencies(registry, state);
  if (input.requirements) {
    const violation = pinViolation(registry, pins, state, input.requirements.source);
    if (violation) return fail(violation);
  }
  if (state.get("rollout_budget")) {
    const error = validateRolloutBudget(featuresTable(config)?.rollout_budget);
    if (error) return fail(error);
  }

  const features: Record<string, boolean> = {};
  const changedFromDefault: Record<string, boolean> = {};
  for (const spec of registry.features) {
    const enabled = state.get(spec.key)!;
    features[spec.key] = enabled;
    if (enabled !== spec.defaultEnabled) changedFromDefault[spec.key] = enabled;
  }
  const notices = noticeInputs(registry, input, flags, config);
  const sessionWarnings: string[] = [];
  if (notices.config.suppress_unstable_features_warning !== true) {
    const path = input.userConfigPath ?? "$CODEX_HOME/config.toml";
    const unstable = unstableFeaturesWarning(registry, notices.entries, features, path);
    if (unstable) sessionWarnings.push(unstable);
  }
  const deprecations = collectFeatureDeprecations(
    registry,
    notices.entries.map(([key]) => key),
    featuresTable(notices.config),
  );
  return { features, changedFromDefault, warnings, error: null, deprecations, sessionWarnings };
}

/** Codex `normalize_dependencies`: a feature that is on turns on what it requires. */
function normalizeDependencies(registry: FeatureRegistry, state: Map<string, boolean>): void {
  for (const rule of registry.dependencies) {
    if (state.get(rule.feature) && !state.get(rule.requires)) state.set(rule.requires, true);
  }
}

/** `parse_feature_requirements`: pins keyed by canonical feature, warnings in key order (§1.3). */
function parsePins(registry: FeatureRegistry, pins: FeatureRequirementPins, warnings: string[]): Map<string, boolean> {
  const pinned = new Map<string, boolean>();
  const sorted = [...pins.entries].sort(([a], [b]) => compareKeys(a, b));
  for (const [key, enabled] of sorted) {
    const special = Object.hasOwn(registry.requirementOnlyAliases, key)
      ? registry.requirementOnlyAliases[key]
      : undefined;
    const feature = special ?? featureForKey(registry, key);
    if (feature === undefined) {
      warnings.push(`Ignoring unknown \`features\` requirement \`${key}\` from ${pins.source}`);
      continue;
    }
    if (Object.hasOwn(registry.inert, feature)) {
      const reason = registry.inert[feature];
      if (reason) warnings.push(`Ignoring removed \`features\` requirement \`${key}\` from ${pins.source}; ${reason}`);
      continue;
    }
    if (special === undefined && feature !== key) {
      warnings.push(
        `Using legacy \`features\` requirement \`${key}\` from ${pins.source}; prefer canonical feature key \`${feature}\``,
      );
    }
    pinned.set(feature, enabled);
  }
  return pinned;
}

/** The §4.4 error when normalization moved a pinned feature; pins listed in `Feature` enum order. */
function pinViolation(
  registry: FeatureRegistry,
  pins: ReadonlyMap<string, boolean>,
  state: ReadonlyMap<string, boolean>,
  source: string,
): string | null {
  const ordered = registry.pinOrder.filter((key) => pins.has(key));
  const allowed = `[${ordered.map((key) => `${key}=${pins.get(key)}`).join(", ")}]`;
  for (const key of ordered) {
    const actual = state.get(key);
    if (actual !== pins.get(key)) {
      return `invalid value for \`features\`: \`${key}=${actual}\` is not in the allowed set ${allowed} (set by ${source})`;
    }
  }
  return null;
}

function featuresTable(config: TomlTable): TomlTable | undefined {
  const value = config.features;
  return value !== undefined && isTable(value) ? value : undefined;
}

// Notices read the layers Codex reports from, with the same CLI flags (they are session flags).
function noticeInputs(
  registry: FeatureRegistry,
  input: ResolveFeaturesInput,
  flags: CliFeatureFlags,
  config: TomlTable,
): { config: TomlTable; entries: ReadonlyArray<readonly [string, boolean]> } {
  const noticeConfig = input.noticeConfig ? applyCliFeatureFlags(registry, input.noticeConfig, flags).value : config;
  const read = readFeatureEntries(registry, noticeConfig);
  return { config: noticeConfig, entries: read.error ? [] : read.entries };
}
