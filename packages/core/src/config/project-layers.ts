import type { FeatureRegistry } from "../features/feature-registry.ts";
import type { FileSystemPort } from "../ports/file-system-port.ts";
import type { TomlDocument } from "../toml/parse-toml.ts";
import { cloneToml, isTable, type TomlTable } from "../toml/toml-value.ts";
import type { ConfigLayer } from "./config-layer.ts";
import type { ConfigLoadError } from "./config-load-error.ts";
import { ancestorsOf, joinPath, type PathFlavor } from "./config-path.ts";
import { checkConfigToml } from "./config-toml-schema.ts";
import { decideProjectTrust, type ProjectTrustContext, projectDisabledReason } from "./project-trust.ts";
import { readConfigFile } from "./read-config-file.ts";
import { resolveConfigPaths } from "./resolve-config-paths.ts";
import type { RustTomlSyntaxErrorPort } from "./toml-syntax-error.ts";

/**
 * Keys a project `.codex/config.toml` may not set (`PROJECT_LOCAL_CONFIG_DENYLIST`, requirements-spec
 * §2.5). Probed on 0.169.0: dropped from the layer even when the project is untrusted, in this
 * order; `[features]` additionally loses `respect_system_proxy`, `system_proxy_fallback` and
 * `credential_masking` (the last two are not in the spec).
 */
export const PROJECT_LOCAL_DENYLIST: readonly string[] = [
  "openai_base_url",
  "chatgpt_base_url",
  "apps_mcp_product_sku",
  "model_provider",
  "model_providers",
  "notify",
  "profile",
  "profiles",
  "experimental_realtime_webrtc_call_base_url",
  "experimental_realtime_ws_base_url",
  "otel",
];
/** `[features]` keys a project layer may not set (probed). */
export const PROJECT_LOCAL_FEATURE_DENYLIST: readonly string[] = [
  "respect_system_proxy",
  "system_proxy_fallback",
  "credential_masking",
];

/** Inputs of `loadProjectLayers` besides the trust context. */
export interface ProjectLayersOptions {
  readonly flavor: PathFlavor;
  readonly cwd: string;
  readonly codexHome: string;
  readonly homeDir: string | null;
  readonly registry: FeatureRegistry;
  readonly rustPort: RustTomlSyntaxErrorPort | null;
}

/** The project layers (root first), the startup warnings they raise, or the fatal error. */
export interface ProjectLayersResult {
  readonly layers: ConfigLayer[];
  readonly warnings: string[];
  readonly error: ConfigLoadError | null;
}

/** `sanitize_project_config`: removes the denylisted keys in place and lists them as the warning names them. */
export function sanitizeProjectConfig(config: TomlTable): string[] {
  const ignored: string[] = [];
  for (const key of PROJECT_LOCAL_DENYLIST) {
    if (!Object.hasOwn(config, key)) continue;
    delete config[key];
    ignored.push(key);
  }
  const features = config.features;
  if (isTable(features)) {
    for (const key of PROJECT_LOCAL_FEATURE_DENYLIST) {
      if (!Object.hasOwn(features, key)) continue;
      delete features[key];
      ignored.push(`features.${key}`);
    }
  }
  return ignored;
}

/** The startup warning for denylisted keys of a trusted project file (probed text). */
export function projectIgnoredKeysWarning(file: string, keys: readonly string[]): string {
  return `Ignored unsupported project-local config keys in ${file}: ${keys.join(", ")}. If you want these settings to apply, manually set them in your user-level config.toml.`;
}

/**
 * `load_project_layers`: one `project` layer per `.codex` directory from the project root down to
 * the cwd (root first, so the folder closest to the cwd wins), skipping a `.codex` that is
 * `$CODEX_HOME`. A `.codex` without `config.toml` still gives an empty layer. Untrusted folders are
 * loaded but disabled (an unparsable file becomes `{}`); a trusted unparsable file is fatal. In a
 * linked worktree, `hooks` come from the main checkout's matching folder. 0.169.0 has no
 * `config.override.toml` (probed: the file is ignored, the string is absent from the binary).
 */
export async function loadProjectLayers(
  fs: FileSystemPort,
  context: ProjectTrustContext,
  options: ProjectLayersOptions,
): Promise<ProjectLayersResult> {
  const { flavor, cwd } = options;
  const chain = ancestorsOf(flavor, cwd);
  const rootIndex = chain.indexOf(context.projectRoot);
  const dirs = (rootIndex >= 0 ? chain.slice(0, rootIndex + 1) : chain).reverse();
  const codexHomeCanonical = fs.realpath(options.codexHome) ?? options.codexHome;
  const layers: ConfigLayer[] = [];
  const warnings: string[] = [];
  for (const dir of dirs) {
    const dotCodex = joinPath(flavor, dir, ".codex");
    if (!fs.isDirectory(dotCodex)) continue;
    if (dotCodex === options.codexHome || (fs.realpath(dotCodex) ?? dotCodex) === codexHomeCanonical) continue;
    const decision = decideProjectTrust(fs, context, dir);
    const trusted = decision.trustLevel === "trusted";
    const file = joinPath(flavor, dotCodex, "config.toml");
    const loaded = await loadProjectFile(fs, file, trusted, options.rustPort, "project config");
    if ("error" in loaded) return { layers, warnings, error: loaded.error };
    const ignored = sanitizeProjectConfig(loaded.config);
    if (trusted && ignored.length > 0) warnings.push(projectIgnoredKeysWarning(file, ignored));
    const deserializes = checkConfigToml(loaded.config, options.registry) === null;
    let config = resolveConfigPaths(
      loaded.config,
      { flavor, baseDir: dotCodex, homeDir: options.homeDir },
      deserializes,
    );
    const hooksFolder = worktreeHooksFolder(flavor, context, dir);
    if (hooksFolder !== null) {
      const root = await loadProjectFile(
        fs,
        joinPath(flavor, hooksFolder, "config.toml"),
        trusted,
        options.rustPort,
        "project hooks config",
      );
      if ("error" in root) return { layers, warnings, error: root.error };
      config = withRootCheckoutHooks(config, root.config);
    }
    const name = { type: "project" as const, dotCodexFolder: dotCodex };
    layers.push({
      name,
      precedence: 25,
      config,
      document: loaded.document,
      disabledReason: projectDisabledReason(context, decision),
    });
  }
  return { layers, warnings, error: null };
}

type LoadedProjectFile = { config: TomlTable; document: TomlDocument | null } | { error: ConfigLoadError };

// `load_project_config_file` / the hooks twin: missing ⇒ `{}`, unparsable ⇒ `{}` when untrusted.
async function loadProjectFile(
  fs: FileSystemPort,
  file: string,
  trusted: boolean,
  rustPort: RustTomlSyntaxErrorPort | null,
  what: "project config" | "project hooks config",
): Promise<LoadedProjectFile> {
  const read = await readConfigFile(fs, file, file, rustPort);
  switch (read.kind) {
    case "missing":
      return { config: {}, document: null };
    case "read-error":
      return { error: { message: `Failed to read ${what} file ${file}: ${read.message}`, file } };
    case "syntax-error":
      if (!trusted) return { config: {}, document: null };
      return {
        error: {
          message: `Error parsing ${what} file ${file}: ${read.error.display}`,
          file,
          line: read.error.line,
          column: read.error.column,
        },
      };
    case "ok":
      return { config: cloneToml(read.document.value), document: read.document };
  }
}

// `root_checkout_hooks_folder_for_dir`: only for linked worktrees (checkout root ≠ repo root).
function worktreeHooksFolder(flavor: PathFlavor, context: ProjectTrustContext, dir: string): string | null {
  const { checkoutRoot, repoRoot } = context;
  if (checkoutRoot === null || repoRoot === null || checkoutRoot === repoRoot) return null;
  if (dir !== checkoutRoot && !dir.startsWith(checkoutRoot + (flavor === "windows" ? "\\" : "/"))) return null;
  const relative = dir.slice(checkoutRoot.length).replace(/^[\\/]+/, "");
  return joinPath(flavor, relative === "" ? repoRoot : joinPath(flavor, repoRoot, relative), ".codex");
}

function withRootCheckoutHooks(config: TomlTable, root: TomlTable): TomlTable {
  const out: TomlTable = { ...config };
  delete out.hooks;
  if (Object.hasOwn(root, "hooks")) out.hooks = root.hooks as TomlTable;
  return out;
}
