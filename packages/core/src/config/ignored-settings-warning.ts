import { type FeatureRegistry, featureForKey } from "../features/feature-registry.ts";
import { isTable } from "../toml/toml-value.ts";
import type { ConfigLayer } from "./config-layer.ts";
import { formatConfigLayerSource } from "./config-layer-source.ts";
import { CONFIG_TOML_KEYS, IGNORED_KEY_HINTS } from "./known-config-keys.ts";

/** One ignored setting: who set it (`user (…)`, `requirements (…)`) and its dotted key path. */
export interface IgnoredSetting {
  source: string;
  key: string;
}

/**
 * The startup warning for settings `ConfigToml` ignores (probed on 0.169.0, app-server
 * `configWarning` and exec `warning:`): enabled layers only, entries sorted by layer name then key,
 * three shown. Modelled for unknown top-level keys, unknown `[features]` keys, keys of a
 * `[projects."<path>"]` entry other than `trust_level`, and `windows.sandbox_private_desktop`; unknown keys nested deeper are not detected (README.md).
 * Requirement layers report theirs too (probed: `requirements (/etc/codex/requirements.toml):
 * `rules.prefix_rules.1.reviewer` is ignored.`), passed in as `requirementEntries`.
 */
export function ignoredSettingsWarning(
  layers: readonly ConfigLayer[],
  registry: FeatureRegistry,
  requirementEntries: ReadonlyArray<IgnoredSetting> = [],
): string | null {
  const entries: IgnoredSetting[] = [...requirementEntries];
  for (const layer of layers) {
    if (layer.disabledReason !== null) continue;
    const source = formatConfigLayerSource(layer.name);
    for (const key of ignoredKeys(layer, registry)) entries.push({ source, key });
  }
  if (entries.length === 0) return null;
  entries.sort((a, b) => compare(a.source, b.source) || compare(a.key, b.key));
  const count = entries.length;
  const lines = [
    `Codex is ignoring ${count} unrecognized configuration setting${count === 1 ? "" : "s"}. Check for typos or deprecated settings.`,
    ...entries.slice(0, 3).map(({ source, key }) => {
      const hint = Object.hasOwn(IGNORED_KEY_HINTS, key) ? ` ${IGNORED_KEY_HINTS[key]}` : "";
      return `  ${source}: \`${key}\` is ignored.${hint}`;
    }),
  ];
  if (count > 3) lines.push(`  ... and ${count - 3} more ignored settings.`);
  return lines.join("\n");
}

/** The dotted keys of one layer that Codex reports as ignored (`projects.<path>.<field>` keeps the path as is). */
export function ignoredKeys(layer: ConfigLayer, registry: FeatureRegistry): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(layer.config)) {
    if (!CONFIG_TOML_KEYS.has(key)) keys.push(key);
    else if (key === "features" && isTable(value)) {
      for (const feature of Object.keys(value))
        if (!isKnownFeature(registry, feature)) keys.push(`features.${feature}`);
    } else if (key === "windows" && isTable(value) && Object.hasOwn(value, "sandbox_private_desktop")) {
      keys.push("windows.sandbox_private_desktop");
    } else if (key === "projects" && isTable(value)) {
      // `ProjectConfig` has a single field (probed: `projects./p.model_reasoning_effort` is ignored).
      for (const [project, entry] of Object.entries(value)) {
        if (!isTable(entry)) continue;
        for (const field of Object.keys(entry)) if (field !== "trust_level") keys.push(`projects.${project}.${field}`);
      }
    }
  }
  return keys;
}

function isKnownFeature(registry: FeatureRegistry, key: string): boolean {
  return (
    featureForKey(registry, key) !== undefined ||
    Object.hasOwn(registry.inert, key) ||
    Object.hasOwn(registry.structured, key)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
