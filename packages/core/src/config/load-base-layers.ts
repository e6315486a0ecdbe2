import type { FeatureRegistry } from "../features/feature-registry.ts";
import type { FileSystemPort } from "../ports/file-system-port.ts";
import { cloneToml, isTable, type TomlTable } from "../toml/toml-value.ts";
import type { ConfigLayer, ConfigLayerName } from "./config-layer.ts";
import { configLayerPrecedence, formatConfigLayerSource } from "./config-layer-source.ts";
import { type ConfigLoadError, fileError } from "./config-load-error.ts";
import { joinPath, type PathFlavor, parentPath } from "./config-path.ts";
import { checkConfigToml } from "./config-toml-schema.ts";
import { decodeMdmBase64 } from "./decode-mdm-base64.ts";
import { type ConfigFileRead, parseConfigText, readConfigFile } from "./read-config-file.ts";
import { resolveConfigPaths } from "./resolve-config-paths.ts";
import type { RustTomlSyntaxErrorPort } from "./toml-syntax-error.ts";

/** A cloud (enterprise-managed) config fragment from the config bundle. */
export interface CloudConfigFragment {
  readonly id: string;
  readonly name: string;
  readonly contents: string;
}

/** What every base-layer loader needs. */
export interface BaseLayerContext {
  readonly fs: FileSystemPort;
  readonly flavor: PathFlavor;
  readonly homeDir: string | null;
  readonly registry: FeatureRegistry;
  readonly rustPort: RustTomlSyntaxErrorPort | null;
}

/** One loaded layer, nothing (an absent optional file), or the fatal error. */
export type LayerLoad = { layer: ConfigLayer | null } | { error: ConfigLoadError };

function makeLayer(
  name: ConfigLayerName,
  read: ConfigFileRead & { kind: "ok" },
  context: BaseLayerContext,
  baseDir: string,
) {
  const raw = cloneToml(read.document.value);
  const resolution = { flavor: context.flavor, baseDir, homeDir: context.homeDir };
  const config = resolveConfigPaths(raw, resolution, checkConfigToml(raw, context.registry) === null);
  return { name, precedence: configLayerPrecedence(name), config, document: read.document, disabledReason: null };
}

function emptyLayer(name: ConfigLayerName): ConfigLayer {
  return { name, precedence: configLayerPrecedence(name), config: {}, document: null, disabledReason: null };
}

/**
 * `load_config_toml_for_required_layer`: the system, user and profile files. Missing ⇒ an empty
 * layer; unreadable ⇒ `Failed to read config file {path}: {err}` (probed: a directory gives
 * ``path `…` is not a file``, bad UTF-8 `invalid utf-8 sequence of 1 bytes from index 7`);
 * unparsable ⇒ `{path}:{line}:{column}: {toml message}`.
 */
export async function loadRequiredLayer(
  context: BaseLayerContext,
  name: ConfigLayerName,
  realPath: string,
  displayPath: string,
): Promise<LayerLoad> {
  const read = await readConfigFile(context.fs, realPath, displayPath, context.rustPort);
  switch (read.kind) {
    case "missing":
      return { layer: emptyLayer(name) };
    case "read-error":
      return { error: { message: `Failed to read config file ${displayPath}: ${read.message}`, file: displayPath } };
    case "syntax-error":
      return { error: fileError(displayPath, read.error, read.error.message, undefined, read.error.display) };
    case "ok":
      return { layer: makeLayer(name, read, context, parentPath(context.flavor, displayPath) ?? displayPath) };
  }
}

/**
 * `/etc/codex/managed_config.toml` (`read_config_from_path`; `$CODEX_HOME/managed_config.toml` on
 * Windows): missing ⇒ no layer; an I/O error is reported bare; unparsable ⇒ `{path}:{line}:{column}: …`
 * (probed). Relative paths resolve against the file's folder.
 */
export async function loadManagedConfigFile(
  context: BaseLayerContext,
  realPath: string,
  displayPath: string,
): Promise<LayerLoad> {
  const read = await readConfigFile(context.fs, realPath, displayPath, context.rustPort);
  const name: ConfigLayerName = { type: "legacyManagedConfigTomlFromFile", file: displayPath };
  switch (read.kind) {
    case "missing":
      return { layer: null };
    case "read-error":
      return { error: { message: read.message, file: displayPath } };
    case "syntax-error":
      return { error: fileError(displayPath, read.error, read.error.message, undefined, read.error.display) };
    case "ok":
      return { layer: makeLayer(name, read, context, parentPath(context.flavor, displayPath) ?? displayPath) };
  }
}

/**
 * The legacy MDM `config_toml_base64` (macOS only; `parse_managed_config_base64`): trimmed, empty ⇒
 * none; decode or parse failures are fatal with the bare Rust error text. Paths resolve against
 * `$CODEX_HOME`. Not probed (no macOS).
 */
export async function loadMdmManagedConfig(
  context: BaseLayerContext,
  encoded: string,
  codexHome: string,
): Promise<LayerLoad> {
  const trimmed = encoded.trim();
  if (trimmed === "") return { layer: null };
  const decoded = decodeMdmBase64(trimmed);
  if ("error" in decoded) return { error: { message: decoded.error } };
  const read = await parseConfigText(decoded.text, context.rustPort);
  if (read.kind === "syntax-error") return { error: { message: read.error.display.replace(/\n$/, "") } };
  if (read.kind !== "ok") return { layer: null };
  return { layer: makeLayer({ type: "legacyManagedConfigTomlFromMdm" }, read, context, codexHome) };
}

/**
 * Cloud config fragments (`cloud_config_layers_from_fragments`, precedence 15): given highest
 * priority first, returned lowest first; a parse failure is `failed to parse cloud config
 * fragment {name} ({id}): {toml error}`. Paths resolve against `$CODEX_HOME`. Source only.
 */
export async function loadCloudLayers(
  context: BaseLayerContext,
  fragments: readonly CloudConfigFragment[],
  codexHome: string,
): Promise<{ layers: ConfigLayer[] } | { error: ConfigLoadError }> {
  const layers: ConfigLayer[] = [];
  for (const fragment of fragments) {
    const read = await parseConfigText(fragment.contents, context.rustPort);
    if (read.kind === "syntax-error") {
      return {
        error: {
          message: `failed to parse cloud config fragment ${fragment.name} (${fragment.id}): ${read.error.display}`,
        },
      };
    }
    if (read.kind !== "ok") continue;
    layers.push(
      makeLayer({ type: "enterpriseManaged", id: fragment.id, name: fragment.name }, read, context, codexHome),
    );
  }
  return { layers: layers.reverse() };
}

const PROFILE_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * `--profile NAME` (profile-v2, oracle.md §2.1): NAME must be a plain name (probed clap usage
 * error, exit 2), and the base `config.toml` may not still carry the legacy selector or table for it.
 */
export function checkProfileSelection(profile: string, userConfig: TomlTable, userFile: string, profileFile: string) {
  if (!PROFILE_NAME.test(profile)) {
    return `invalid value '${profile}' for '--profile <CONFIG_PROFILE_V2>': invalid --profile value \`${profile}\`; pass a plain name such as \`work\``;
  }
  const profiles = userConfig.profiles;
  if (userConfig.profile === profile || (isTable(profiles) && Object.hasOwn(profiles, profile))) {
    return `--profile \`${profile}\` cannot be used while ${userFile} contains legacy \`profile = "${profile}"\` or \`[profiles.${profile}]\` config; move those settings into ${profileFile} and remove the legacy profile selector/table. See https://developers.openai.com/codex/config-advanced#profiles for more information.`;
  }
  return null;
}

/** The file a layer's raw TOML is reported under in typed errors (`config_path_for_layer` / the source name). */
export function layerDiagnosticPath(layer: ConfigLayer, flavor: PathFlavor): string {
  switch (layer.name.type) {
    case "system":
    case "user":
    case "legacyManagedConfigTomlFromFile":
      return layer.name.file;
    case "project":
      return joinPath(flavor, layer.name.dotCodexFolder, "config.toml");
    default:
      return formatConfigLayerSource(layer.name);
  }
}
