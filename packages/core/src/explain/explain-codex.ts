import { parseCliOverrides } from "../config/cli-overrides.ts";
import type { ConfigLayer } from "../config/config-layer.ts";
import { joinPath, pathFlavorOf } from "../config/config-path.ts";
import type { IgnoredSetting } from "../config/ignored-settings-warning.ts";
import { type LoadedConfigLayers, loadConfigLayers } from "../config/load-config-layers.ts";
import { mergeTomlValues } from "../config/merge-toml.ts";
import { validateMergedConfig } from "../config/validate-config-stack.ts";
import { keysReplacedByRequirements } from "../effective/apply-exact-requirements.ts";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { resolveDenyReadPattern } from "../permissions/deny-read-pattern.ts";
import { resolveCodexPath } from "../requirements/app-server/codex-paths.ts";
import { toConfigRequirementsJson } from "../requirements/app-server/config-requirements-json.ts";
import { type ComposedRequirements, composeRequirements } from "../requirements/compose-requirements.ts";
import { type NormalizedRequirements, normalizeRequirements } from "../requirements/normalize-requirements.ts";
import type { RequirementLayer, RequirementsError } from "../requirements/requirement-layer.ts";
import { displayRequirementSource } from "../requirements/requirement-source.ts";
import { deserializeRequirements, deserializeRequirementsLayer } from "../requirements/requirements-schema.ts";
import { collectIgnoredKeys } from "../serde/ignored-keys.ts";
import { formatSerdeError } from "../serde/serde-error.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { collectRequirementLayers } from "./collect-requirement-layers.ts";
import type { ExplainInputs, ExplainPorts } from "./explain-inputs.ts";
import type { ErrorLocation, ExplainReport } from "./explain-report.ts";
import { resolveEffectiveConfig } from "./resolve-effective-config.ts";

/**
 * Predicts what Codex (the version in `inputs`) does at startup with these files: the composed
 * requirements, the config layer stack, and the effective configuration after requirements, or
 * the fatal error it stops with. Pure apart from reading files through `ports`.
 */
export async function explainCodex(ports: ExplainPorts, inputs: ExplainInputs): Promise<ExplainReport> {
  const base: ExplainReport = {
    codexVersion: inputs.codexVersion,
    error: null,
    errorLocation: null,
    requirements: null,
    effective: null,
    origins: {},
    warnings: [],
  };
  const fatal = (message: string, location: ErrorLocation | null = null): ExplainReport => ({
    ...base,
    error: message.trimEnd(),
    errorLocation: location,
  });

  const flags = parseCliOverrides(inputs.overrides);
  if (!flags.ok) return fatal(flags.message);

  const flavor = pathFlavorOf(inputs.platform);
  const collected = await collectRequirementLayers(ports, inputs, flavor);
  if ("error" in collected) return fatal(collected.error.message, collected.error.location);
  const requirements = composeAndNormalize(collected.layers, inputs);
  if ("error" in requirements) return fatal(requirements.error.message, requirements.error.location);
  const requirementsJson = toConfigRequirementsJson(requirements.composed?.table ?? null, {
    baseDir: inputs.etcDisplayDir,
    homeDir: inputs.homeDir,
    cwd: inputs.cwd,
  });
  // After a config error the app-server reloads with default config (only the managed layers)
  // and keeps serving the requirements (observed); when even that reload fails it reports none.
  const defaultsReloadWorks = (layers: readonly ConfigLayer[]) => {
    const loaded = defaultConfig(layers, inputs);
    if (loaded.error) return false;
    return !(
      "error" in
      resolveEffectiveConfig({
        inputs,
        loaded,
        requirements: requirements.normalized,
        composed: requirements.composed,
        readHooksJson: () => ({ kind: "missing" }),
      })
    );
  };
  base.requirements = requirementsJson;

  const loaded = await loadConfigLayers(ports.fs, {
    etcDir: inputs.etcDir,
    etcDisplayDir: inputs.etcDisplayDir,
    codexHome: inputs.codexHome,
    cwd: inputs.cwd,
    profile: inputs.profile,
    overrides: inputs.overrides,
    enable: inputs.enable,
    disable: inputs.disable,
    platform: inputs.platform,
    homeDir: inputs.homeDir,
    mdmConfigTomlBase64: inputs.mdm?.configTomlBase64 ?? null,
    cloudConfigFragments: [],
    rustTomlSyntaxError: ports.rustTomlSyntaxError,
    ignoredRequirementSettings: ignoredRequirementSettings(collected.layers),
  });
  base.origins = loaded.origins;
  if (loaded.error) {
    const { message, file, line, column, keyPath } = loaded.error;
    if (!defaultsReloadWorks(loaded.layers)) base.requirements = null;
    return fatal(message, file ? { file, line: line ?? null, column: column ?? null, keyPath: keyPath ?? null } : null);
  }

  const effective = resolveEffectiveConfig({
    inputs,
    loaded,
    requirements: requirements.normalized,
    composed: requirements.composed,
    readHooksJson: (path) => ports.fs.readText(path),
  });
  if ("error" in effective) {
    if (!defaultsReloadWorks(loaded.layers)) base.requirements = null;
    return { ...fatal(effective.error), warnings: effective.warnings, origins: loaded.origins };
  }
  const replaced = keysReplacedByRequirements(requirements.normalized?.table ?? {});
  const origins = Object.fromEntries(
    Object.entries(loaded.origins).filter(([key]) => !replaced.some((r) => key === r || key.startsWith(`${r}.`))),
  );
  return { ...base, origins, effective: effective.value, warnings: effective.warnings };
}

/** The config Codex falls back to after a config error: only the legacy managed config layers. */
function defaultConfig(layers: readonly ConfigLayer[], inputs: ExplainInputs): LoadedConfigLayers {
  const managed = layers.filter((layer) => layer.name.type.startsWith("legacyManagedConfigToml"));
  const merged = [...managed]
    .reverse()
    .reduce<TomlTable>((acc, layer) => mergeTomlValues(acc, layer.config) as TomlTable, {});
  const registry = FEATURE_REGISTRIES[inputs.codexVersion];
  return {
    layers: managed,
    merged,
    origins: {},
    trust: { projectRoot: null, repoRoot: null, trustLevel: null, trustKey: null, activeProjectTrustLevel: null },
    warnings: [],
    error: validateMergedConfig(managed, merged, registry, pathFlavorOf(inputs.platform)),
  };
}

type ComposeOutcome =
  | { composed: ComposedRequirements | null; normalized: NormalizedRequirements | null }
  | { error: { message: string; location: ErrorLocation | null } };

function composeAndNormalize(layers: RequirementLayer[], inputs: ExplainInputs): ComposeOutcome {
  const flavor = pathFlavorOf(inputs.platform);
  const composed = composeRequirements(layers, {
    hostname: inputs.hostname,
    activeHookDirectory: inputs.platform === "windows" ? "windows_managed_dir" : "managed_dir",
    validate: (table) => {
      const parsed = deserializeRequirements(table);
      return "error" in parsed ? { message: formatSerdeError(parsed.error), keyPath: parsed.error.path } : null;
    },
    resolveDenyRead: (pattern, baseDir) => resolveDenyReadPattern(pattern, { baseDir, homeDir: inputs.homeDir }),
    resolvePath: (value, baseDir) => resolveCodexPath(value, baseDir, inputs.homeDir),
  });
  if ("error" in composed)
    return { error: { message: composed.error.message, location: locate(composed.error, layers) } };
  if (composed.value === null) return { composed: null, normalized: null };
  const typed = deserializeRequirements(composed.value.table);
  if ("error" in typed) {
    return {
      error: { message: `failed to parse merged requirements: ${formatSerdeError(typed.error)}`, location: null },
    };
  }
  const normalized = normalizeRequirements(composed.value, typed.value);
  if ("error" in normalized) {
    const file = layers.length === 1 && layers[0]!.document ? systemFile(inputs, flavor) : null;
    return {
      error: { message: normalized.error, location: file ? { file, line: null, column: null, keyPath: null } : null },
    };
  }
  return { composed: composed.value, normalized: normalized.value };
}

function systemFile(inputs: ExplainInputs, flavor: ReturnType<typeof pathFlavorOf>): string {
  return joinPath(flavor, inputs.etcDisplayDir, "requirements.toml");
}

/** The keys each requirement layer sets that the schema ignores, named as Codex's warning names them. */
function ignoredRequirementSettings(layers: readonly RequirementLayer[]): IgnoredSetting[] {
  return layers.flatMap((layer) => {
    const { ignored } = collectIgnoredKeys(() => deserializeRequirementsLayer(layer.table));
    const source = `requirements (${displayRequirementSource(layer.source)})`;
    return ignored.map((key) => ({ source, key }));
  });
}

/** Points a layer error at its file and key when the layer came from a file. */
function locate(error: RequirementsError, layers: RequirementLayer[]): ErrorLocation | null {
  const layer = layers.find((candidate) => candidate.source === error.source);
  if (!layer?.document || (layer.source.kind !== "system" && layer.source.kind !== "legacyManagedConfigFile"))
    return null;
  const position = layer.document.positionOf(error.keyPath);
  return {
    file: layer.source.path,
    line: position?.line ?? null,
    column: position?.column ?? null,
    keyPath: error.keyPath.length > 0 ? error.keyPath.join(".") : null,
  };
}
