import { FEATURE_REGISTRIES, type FeatureRegistry } from "../features/feature-registry.ts";
import type { FileSystemPort } from "../ports/file-system-port.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { buildSessionFlagsLayer } from "./cli-overrides.ts";
import type { ConfigLayer, ConfigLayerName } from "./config-layer.ts";
import type { ConfigLoadError } from "./config-load-error.ts";
import { joinPath, pathFlavorOf } from "./config-path.ts";
import { checkConfigToml, checkProjectsTable, formatValueIssue } from "./config-toml-schema.ts";
import { type IgnoredSetting, ignoredSettingsWarning } from "./ignored-settings-warning.ts";
import {
  type BaseLayerContext,
  type CloudConfigFragment,
  checkProfileSelection,
  loadCloudLayers,
  loadManagedConfigFile,
  loadMdmManagedConfig,
  loadRequiredLayer,
} from "./load-base-layers.ts";
import { mergeTomlValues } from "./merge-toml.ts";
import { loadProjectLayers } from "./project-layers.ts";
import { activeProjectTrust, buildProjectTrustContext, decideProjectTrust, type TrustLevel } from "./project-trust.ts";
import { recordOrigins } from "./record-origins.ts";
import { resolveConfigPaths } from "./resolve-config-paths.ts";
import type { RustTomlSyntaxErrorPort } from "./toml-syntax-error.ts";
import { untrustedProjectNotice } from "./untrusted-project-notice.ts";
import {
  checkShellPolicyRepresentations,
  firstLayerSchemaError,
  validateMergedConfig,
} from "./validate-config-stack.ts";

/** Everything that decides Codex's ordinary config layer stack on one machine, for one directory. */
export interface LoadConfigLayersOptions {
  /** Where the system files are read (stands in for `/etc/codex`, or the Windows ProgramData folder). */
  readonly etcDir: string;
  /** How Codex names that folder in layer names and messages (default: `etcDir`). */
  readonly etcDisplayDir?: string;
  readonly codexHome: string;
  readonly cwd: string;
  readonly profile: string | null;
  readonly overrides: readonly string[];
  readonly enable: readonly string[];
  readonly disable: readonly string[];
  readonly platform: "linux" | "macos" | "windows";
  /** The user's home directory, for `~/` in path-typed settings (null: `~` is not expanded). */
  readonly homeDir?: string | null;
  readonly mdmConfigTomlBase64?: string | null;
  /** Cloud config fragments, highest priority first (the bundle's order). */
  readonly cloudConfigFragments?: readonly CloudConfigFragment[];
  /** Codex's exact TOML error text (the Rust parser); without it common errors are approximated. */
  readonly rustTomlSyntaxError?: RustTomlSyntaxErrorPort | null;
  readonly featureRegistry?: FeatureRegistry;
  /** Keys the requirement layers ignore, reported in the same "unrecognized settings" warning. */
  readonly ignoredRequirementSettings?: ReadonlyArray<IgnoredSetting>;
}

/** Project trust as the loader decided it for the cwd. */
export interface ConfigTrust {
  readonly projectRoot: string | null;
  readonly repoRoot: string | null;
  /** The loader's decision for a `.codex` folder in the cwd (cwd, project root, then repo root keys). */
  readonly trustLevel: TrustLevel | null;
  /** The `[projects]` key that decided it, or the key Codex asks the user to add. */
  readonly trustKey: string | null;
  /** `get_active_project` (cwd keys, then repo root keys): what approval/sandbox defaults use (§4.5). */
  readonly activeProjectTrustLevel: TrustLevel | null;
}

/** The config layer stack Codex builds, as `config/read {includeLayers}` reports it, plus its startup notices. */
export interface LoadedConfigLayers {
  /** Highest precedence first, disabled layers included (like `config/read`). */
  readonly layers: ConfigLayer[];
  /** Enabled layers merged lowest first. */
  readonly merged: TomlTable;
  /** Dotted key → the layer that set it. */
  readonly origins: Record<string, ConfigLayerName>;
  readonly trust: ConfigTrust;
  /** Startup warnings, app-server wording, in the order Codex emits them. */
  readonly warnings: string[];
  readonly error: ConfigLoadError | null;
}

const NO_TRUST: ConfigTrust = {
  projectRoot: null,
  repoRoot: null,
  trustLevel: null,
  trustKey: null,
  activeProjectTrustLevel: null,
};

function result(layers: ConfigLayer[], error: ConfigLoadError | null, trust = NO_TRUST, warnings: string[] = []) {
  const enabled = layers.filter((layer) => layer.disabledReason === null);
  const merged = enabled.reduce<TomlTable>((acc, layer) => mergeTomlValues(acc, layer.config) as TomlTable, {});
  return { layers: [...layers].reverse(), merged, origins: recordOrigins(layers), trust, warnings, error };
}

/**
 * `load_config_layers_state` (codex-rs/config/src/loader/mod.rs; requirements-spec §2.5) for
 * 0.169.0: system → cloud fragments → user → `--profile` file → project folders → `-c` /
 * `--enable` / `--disable` → legacy `managed_config.toml` → legacy MDM config. Errors come in
 * Codex's order: CLI flags, cloud, managed files, system, user, profile, trust inputs, project
 * files, then the merged-config checks.
 */
export async function loadConfigLayers(
  fs: FileSystemPort,
  options: LoadConfigLayersOptions,
): Promise<LoadedConfigLayers> {
  const flavor = pathFlavorOf(options.platform);
  const registry = options.featureRegistry ?? FEATURE_REGISTRIES["0.169.0"];
  const context: BaseLayerContext = {
    fs,
    flavor,
    homeDir: options.homeDir ?? null,
    registry,
    rustPort: options.rustTomlSyntaxError ?? null,
  };
  const etcDisplay = options.etcDisplayDir ?? options.etcDir;
  const codexHome = fs.realpath(options.codexHome) ?? options.codexHome;
  const session = buildSessionFlagsLayer(registry, options.overrides, options.enable, options.disable);
  if (!session.ok) return result([], { message: session.message });

  const cloud = await loadCloudLayers(context, options.cloudConfigFragments ?? [], codexHome);
  if ("error" in cloud) return result([], cloud.error);
  const managedPath = flavor === "windows" ? joinPath(flavor, codexHome, "managed_config.toml") : null;
  const managed = await loadManagedConfigFile(
    context,
    managedPath ?? joinPath(flavor, options.etcDir, "managed_config.toml"),
    managedPath ?? joinPath(flavor, etcDisplay, "managed_config.toml"),
  );
  if ("error" in managed) return result([], managed.error);
  const mdm =
    options.platform === "macos" && options.mdmConfigTomlBase64
      ? await loadMdmManagedConfig(context, options.mdmConfigTomlBase64, codexHome)
      : { layer: null };
  if ("error" in mdm) return result([], mdm.error);
  const top = [managed.layer, mdm.layer].filter((layer) => layer !== null);

  const systemFile = joinPath(flavor, etcDisplay, "config.toml");
  const system = await loadRequiredLayer(
    context,
    { type: "system", file: systemFile },
    joinPath(flavor, options.etcDir, "config.toml"),
    systemFile,
  );
  if ("error" in system) return result([], system.error);
  const base: ConfigLayer[] = [system.layer as ConfigLayer, ...cloud.layers];
  const userFile = joinPath(flavor, codexHome, "config.toml");
  const user = await loadRequiredLayer(context, { type: "user", file: userFile, profile: null }, userFile, userFile);
  if ("error" in user) return result(base, user.error);
  base.push(user.layer as ConfigLayer);
  let activeUserFile = userFile;
  if (options.profile !== null) {
    activeUserFile = joinPath(flavor, codexHome, `${options.profile}.config.toml`);
    const conflict = checkProfileSelection(
      options.profile,
      (user.layer as ConfigLayer).config,
      userFile,
      activeUserFile,
    );
    if (conflict) return result(base, { message: conflict });
    const name = { type: "user" as const, file: activeUserFile, profile: options.profile };
    const profile = await loadRequiredLayer(context, name, activeUserFile, activeUserFile);
    if ("error" in profile) return result(base, profile.error);
    base.push(profile.layer as ConfigLayer);
  }

  const sessionLayers: ConfigLayer[] = [];
  if (session.config) {
    const resolution = { flavor, baseDir: options.cwd, homeDir: context.homeDir };
    const config = resolveConfigPaths(session.config, resolution, checkConfigToml(session.config, registry) === null);
    sessionLayers.push({
      name: { type: "sessionFlags" },
      precedence: 30,
      config,
      document: null,
      disabledReason: null,
    });
  }

  // Trust is decided on everything but the project layers (probed: managed config counts too).
  const soFar = result([...base, ...sessionLayers, ...top], null).merged;
  const markers = projectRootMarkers(soFar);
  if (markers === null) {
    const error = firstLayerSchemaError(base, registry, flavor) ?? {
      message: "project_root_markers must be an array of strings",
    };
    return result(base, error);
  }
  const projectsIssue = checkProjectsTable(soFar);
  if (projectsIssue) {
    const error = firstLayerSchemaError(base, registry, flavor) ?? {
      message: formatValueIssue(projectsIssue),
      keyPath: "projects",
    };
    return result(base, error);
  }
  const trustContext = buildProjectTrustContext(fs, flavor, soFar, options.cwd, markers, activeUserFile);
  const project = await loadProjectLayers(fs, trustContext, {
    flavor,
    cwd: options.cwd,
    codexHome,
    homeDir: context.homeDir,
    registry,
    rustPort: context.rustPort,
  });
  const layers = [...base, ...project.layers, ...sessionLayers, ...top];
  const cwdDecision = decideProjectTrust(fs, trustContext, options.cwd);
  const trust: ConfigTrust = {
    projectRoot: trustContext.projectRoot,
    repoRoot: trustContext.repoRoot,
    trustLevel: cwdDecision.trustLevel,
    trustKey: cwdDecision.trustKey,
    activeProjectTrustLevel: activeProjectTrust(fs, trustContext, options.cwd),
  };
  if (project.error) return result(layers, project.error, trust);

  const warnings = [
    untrustedProjectNotice(layers, "app-server"),
    ...project.warnings,
    ignoredSettingsWarning(layers, registry, options.ignoredRequirementSettings),
  ];
  const loaded = result(
    layers,
    null,
    trust,
    warnings.filter((warning) => warning !== null),
  );
  const error =
    checkShellPolicyRepresentations(layers, flavor) ?? validateMergedConfig(layers, loaded.merged, registry, flavor);
  return { ...loaded, error };
}

// `project_root_markers_from_config`: unset ⇒ `[".git"]`; anything but an array of strings ⇒ null (an error).
function projectRootMarkers(merged: TomlTable): string[] | null {
  const markers = merged.project_root_markers;
  if (markers === undefined) return [".git"];
  if (!Array.isArray(markers) || !markers.every((marker) => typeof marker === "string")) return null;
  return markers as string[];
}
