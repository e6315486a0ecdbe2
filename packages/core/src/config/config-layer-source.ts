import type { ConfigLayerName } from "./config-layer.ts";

/**
 * `ConfigLayerSource::precedence()` (requirements-spec §2.5): higher wins. A profile-v2 user layer
 * sits just above the base user layer.
 */
export function configLayerPrecedence(name: ConfigLayerName): number {
  switch (name.type) {
    case "mdm":
      return 0;
    case "system":
      return 10;
    case "enterpriseManaged":
      return 15;
    case "user":
      return name.profile === null ? 20 : 21;
    case "project":
      return 25;
    case "sessionFlags":
      return 30;
    case "legacyManagedConfigTomlFromFile":
      return 40;
    case "legacyManagedConfigTomlFromMdm":
      return 50;
  }
}

/**
 * `format_config_layer_source` (config_layer_source.rs, §2.5): how Codex names a layer in
 * diagnostics such as the unrecognized-settings warning, e.g. `user (/root/.codex/config.toml)`.
 */
export function formatConfigLayerSource(name: ConfigLayerName): string {
  switch (name.type) {
    case "mdm":
      return `MDM (${name.domain}:${name.key})`;
    case "system":
      return `system (${name.file})`;
    case "enterpriseManaged":
      return `enterprise-managed (${name.name}, ${name.id})`;
    case "user":
      return `user (${name.file})`;
    case "project":
      return `project (${name.dotCodexFolder}/config.toml)`;
    case "sessionFlags":
      return "session-flags";
    case "legacyManagedConfigTomlFromFile":
      return `legacy managed_config.toml (${name.file})`;
    case "legacyManagedConfigTomlFromMdm":
      return "legacy managed_config.toml (MDM)";
  }
}
