import type { ConfigLayer } from "../config/config-layer.ts";
import type { Platform } from "../explain/explain-inputs.ts";
import { joinPosixPath, normalizePosixPath } from "../permissions/posix-path.ts";
import type { RequirementSource } from "../requirements/requirement-source.ts";

/** `HookSource` as `hooks/list` spells it (`source`). */
export type HookSourceLabel =
  | "system"
  | "user"
  | "project"
  | "mdm"
  | "sessionFlags"
  | "plugin"
  | "cloudRequirements"
  | "cloudManagedConfig"
  | "legacyManagedConfigFile"
  | "legacyManagedConfigMdm"
  | "unknown";

/** Where a config layer's hooks come from (discovery.rs `hook_metadata_for_config_layer_source`). */
export interface LayerHookOrigin {
  readonly source: HookSourceLabel;
  readonly isManaged: boolean;
  /** The path keys and warnings use for the layer's inline `[hooks]` (`config_toml_source_path`). */
  readonly configPath: string;
  /** The folder whose `hooks.json` belongs to the layer (`config_folder`), or null. */
  readonly hooksFolder: string | null;
}

/** An absolute path normalized the way `AbsolutePathBuf` prints it (lexical `.`/`..`, no trailing `/`). */
export function normalizeAbsolutePath(path: string, platform: Platform): string {
  if (platform !== "windows") return normalizePosixPath(path);
  const match = /^([A-Za-z]:|\\\\[^\\/]+[\\/][^\\/]+)[\\/]?(.*)$/.exec(path);
  const prefix = match?.[1] ?? "";
  const out: string[] = [];
  for (const segment of (match?.[2] ?? path).split(/[\\/]/)) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return `${prefix}\\${out.join("\\")}`;
}

/** True when Rust's `Path::is_absolute` holds for `path` on the platform. */
export function isAbsolutePath(path: string, platform: Platform): boolean {
  return platform === "windows" ? /^([A-Za-z]:[\\/]|\\\\)/.test(path) : path.startsWith("/");
}

/** Joins a file name onto a folder. */
export function joinPath(folder: string, name: string, platform: Platform): string {
  return platform === "windows" ? normalizeAbsolutePath(`${folder}\\${name}`, platform) : joinPosixPath(folder, name);
}

/** `synthetic_layer_path`: a display-only path such as `/<session-flags>/config.toml`. */
export function syntheticPath(path: string, platform: Platform): string {
  return platform === "windows" ? `C:\\${path.replaceAll("/", "\\")}` : `/${path}`;
}

function dirname(path: string): string {
  const index = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return index <= 0 ? path.slice(0, index + 1) || "/" : path.slice(0, index);
}

/** The hook origin of a config layer. */
export function layerHookOrigin(layer: ConfigLayer, platform: Platform): LayerHookOrigin {
  const name = layer.name;
  switch (name.type) {
    case "system":
      return { source: "system", isManaged: true, configPath: name.file, hooksFolder: dirname(name.file) };
    case "user":
      return { source: "user", isManaged: false, configPath: name.file, hooksFolder: dirname(name.file) };
    case "project":
      return {
        source: "project",
        isManaged: false,
        configPath: joinPath(name.dotCodexFolder, "config.toml", platform),
        hooksFolder: name.dotCodexFolder,
      };
    case "sessionFlags":
      return origin("sessionFlags", false, syntheticPath("<session-flags>/config.toml", platform));
    case "mdm":
      return origin("mdm", true, syntheticPath(`<mdm:${name.domain}:${name.key}>/config.toml`, platform));
    case "enterpriseManaged":
      return origin(
        "cloudManagedConfig",
        true,
        syntheticPath(`<enterprise-managed:${name.name}:${name.id}>/config.toml`, platform),
      );
    case "legacyManagedConfigTomlFromFile":
      return origin("legacyManagedConfigFile", true, name.file);
    case "legacyManagedConfigTomlFromMdm":
      return origin(
        "legacyManagedConfigMdm",
        true,
        syntheticPath("<legacy-managed-config.toml-mdm>/managed_config.toml", platform),
      );
  }
}

function origin(source: HookSourceLabel, isManaged: boolean, configPath: string): LayerHookOrigin {
  return { source, isManaged, configPath, hooksFolder: null };
}

/** The `source` label of requirements hooks (`hook_source_for_requirement_source`). */
export function requirementHookSource(source: RequirementSource | null): HookSourceLabel {
  switch (source?.kind) {
    case "system":
      return "system";
    case "mdm":
      return "mdm";
    case "legacyManagedConfigFile":
      return "legacyManagedConfigFile";
    case "legacyManagedConfigMdm":
      return "legacyManagedConfigMdm";
    case "cloud":
      return "cloudRequirements";
    case "composite":
      return requirementHookSource(source.sources[0] ?? null);
    default:
      return "unknown";
  }
}

function escapeXml(text: string): string {
  const map: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
  return text.replace(/[&<>"']/g, (c) => map[c]!);
}

/** The source path of requirements hooks when no usable `managed_dir` is set (`fallback_managed_hooks_source_path`). */
export function requirementHooksFallbackPath(source: RequirementSource | null, platform: Platform): string {
  switch (source?.kind) {
    case "system":
    case "legacyManagedConfigFile":
      return source.path;
    case "mdm":
      return syntheticPath("<mdm:com.openai.codex:requirements_toml_base64>/requirements.toml", platform);
    case "composite":
      return syntheticPath("<requirements-composition>/requirements.toml", platform);
    case "cloud":
      return syntheticPath(
        `<enterprise-managed:${escapeXml(source.name)}:${escapeXml(source.id)}>/requirements.toml`,
        platform,
      );
    case "legacyManagedConfigMdm":
      return syntheticPath("<legacy-managed-config.toml-mdm>/managed_config.toml", platform);
    default:
      return syntheticPath("<managed-requirements>/requirements.toml", platform);
  }
}
