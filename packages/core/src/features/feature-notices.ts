import { isTable, type TomlTable } from "../toml/toml-value.ts";
import type { FeatureKeyNotice, FeatureRegistry } from "./feature-registry.ts";
import { compareKeys } from "./read-feature-entries.ts";

/** A deprecation notice about a `[features]` key: app-server `deprecationNotice {summary, details}`. */
export interface FeatureDeprecation {
  readonly summary: string;
  readonly details: string | null;
}

/**
 * The deprecation notices 0.169.0 raises for the keys of a `[features]` table, in its order
 * (sorted by the recorded alias). Raised whatever the value, and also for keys whose feature is
 * ignored. Probed per key with `thread/start`; see README.md for which layers count.
 */
export function collectFeatureDeprecations(
  registry: FeatureRegistry,
  keys: readonly string[],
  featuresTable: TomlTable | undefined,
): FeatureDeprecation[] {
  const notices = new Map<string, FeatureKeyNotice>();
  for (const key of keys) {
    const notice = noticeForKey(registry, key);
    if (notice) notices.set(notice.alias, notice);
  }
  const guardian = featuresTable?.guardianv2;
  if (guardian !== undefined && isTable(guardian) && Object.hasOwn(guardian, "thread_context")) {
    const notice = registry.keyNotices["guardianv2.thread_context"];
    if (notice) notices.set(notice.alias, notice);
  }
  return [...notices.values()]
    .sort((a, b) => compareKeys(a.alias, b.alias))
    .map(({ summary, details }) => ({ summary, details }));
}

function noticeForKey(registry: FeatureRegistry, key: string): FeatureKeyNotice | undefined {
  if (Object.hasOwn(registry.keyNotices, key)) return registry.keyNotices[key];
  if (!Object.hasOwn(registry.legacyAliases, key)) return undefined;
  const canonical = registry.legacyAliases[key]!;
  return {
    alias: key,
    summary: `\`[features].${key}\` is deprecated. Use \`[features].${canonical}\` instead.`,
    details: `Enable it with \`--enable ${canonical}\` or \`[features].${canonical}\` in config.toml. See https://developers.openai.com/codex/config-basic#feature-flags for details.`,
  };
}

/**
 * The session warning about enabled under-development features, or null: canonical keys set to
 * true in `[features]` whose stage is `underDevelopment` and that are enabled in the end (a pin
 * to false or an alias does not count), sorted by key. Probed on 0.169.0 `thread/start`.
 */
export function unstableFeaturesWarning(
  registry: FeatureRegistry,
  entries: ReadonlyArray<readonly [string, boolean]>,
  effective: Readonly<Record<string, boolean>>,
  userConfigPath: string,
): string | null {
  const underDevelopment = new Set(
    registry.features.filter((spec) => spec.stage === "underDevelopment").map((spec) => spec.key),
  );
  const keys = entries
    .filter(([key, enabled]) => enabled && underDevelopment.has(key) && effective[key] === true)
    .map(([key]) => key)
    .sort(compareKeys);
  if (keys.length === 0) return null;
  return (
    `Under-development features enabled: ${keys.join(", ")}. Under-development features are incomplete and may ` +
    `behave unpredictably. To suppress this warning, set \`suppress_unstable_features_warning = true\` in ${userConfigPath}.`
  );
}
