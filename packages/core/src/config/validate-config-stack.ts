import type { FeatureRegistry } from "../features/feature-registry.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import type { ConfigLayer } from "./config-layer.ts";
import { formatConfigLayerSource } from "./config-layer-source.ts";
import { type ConfigLoadError, fileError, fileIssueError } from "./config-load-error.ts";
import type { PathFlavor } from "./config-path.ts";
import { type ConfigSchemaIssue, checkConfigToml, formatValueIssue } from "./config-toml-schema.ts";
import { layerDiagnosticPath } from "./load-base-layers.ts";

/**
 * `first_layer_config_error` (diagnostics.rs): Codex re-reads each enabled layer's own file, lowest
 * precedence first, and reports the first one that fails to deserialize on its own as
 * `{file}:{line}:{column}: {message}` (probed: a system error wins over a user one). Layers without
 * a file (`-c`) are skipped. Null when no single layer fails.
 */
export function firstLayerSchemaError(
  layers: readonly ConfigLayer[],
  registry: FeatureRegistry,
  flavor: PathFlavor,
): ConfigLoadError | null {
  for (const layer of layers) {
    if (layer.disabledReason !== null || layer.document === null) continue;
    const found = checkConfigToml(layer.document.value, registry);
    if (found) return fileIssueError(layerDiagnosticPath(layer, flavor), layer.document, found);
  }
  return null;
}

/**
 * Reports a merged-config deserialization failure: the first failing layer file, else the merged
 * error as `{message}\nin `{key.path}`` (probed with `-c model=1`). A bad value overridden by a
 * valid higher layer is no error at all (probed), so callers only get here when the merge fails.
 */
export function reportSchemaIssue(
  layers: readonly ConfigLayer[],
  merged: ConfigSchemaIssue,
  registry: FeatureRegistry,
  flavor: PathFlavor,
): ConfigLoadError {
  return (
    firstLayerSchemaError(layers, registry, flavor) ?? {
      message: formatValueIssue(merged),
      keyPath: merged.keyPath.join("."),
    }
  );
}

const MIXED_FILTERS = "cannot mix `filters` with legacy `exclude` or `include_only`";

/**
 * `shell_environment_policy` may not mix `filters` with `exclude`/`include_only` within one enabled
 * layer (probed: a file reports `{file}:{line}:{column}: cannot mix …` at the table; `-c` reports
 * `invalid shell environment policy in session-flags: cannot mix …\nin `shell_environment_policy``).
 */
export function checkShellPolicyRepresentations(
  layers: readonly ConfigLayer[],
  flavor: PathFlavor,
): ConfigLoadError | null {
  for (const layer of layers) {
    const policy = layer.config.shell_environment_policy;
    if (layer.disabledReason !== null || !isTable(policy) || !Object.hasOwn(policy, "filters")) continue;
    if (!Object.hasOwn(policy, "exclude") && !Object.hasOwn(policy, "include_only")) continue;
    if (layer.document) {
      const position = layer.document.valuePositionOf(["shell_environment_policy"]) ?? { line: 1, column: 1 };
      return fileError(layerDiagnosticPath(layer, flavor), position, MIXED_FILTERS, "shell_environment_policy");
    }
    const source = formatConfigLayerSource(layer.name);
    return {
      message: `invalid shell environment policy in ${source}: ${MIXED_FILTERS}\nin \`shell_environment_policy\``,
      keyPath: "shell_environment_policy",
    };
  }
  return null;
}

/**
 * The checks Codex runs on the merged config after it deserializes (probed order: type errors,
 * then the legacy `profile` selector, then `approval_policy = "untrusted"`).
 */
export function validateMergedConfig(
  layers: readonly ConfigLayer[],
  merged: TomlTable,
  registry: FeatureRegistry,
  flavor: PathFlavor,
): ConfigLoadError | null {
  const issue = checkConfigToml(merged, registry);
  if (issue) return reportSchemaIssue(layers, issue, registry, flavor);
  const profile = merged.profile;
  if (typeof profile === "string") {
    return {
      message: `legacy \`profile = "${profile}"\` config is no longer supported; use \`--profile ${profile}\` with \`${profile}.config.toml\` instead`,
      keyPath: "profile",
    };
  }
  if (merged.approval_policy === "untrusted") {
    return {
      message: 'approval_policy = "untrusted" is no longer supported; remove this setting',
      keyPath: "approval_policy",
    };
  }
  return null;
}
