import type { ConfigLayer } from "../config/config-layer.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { parseConfigSandboxMode } from "./sandbox-mode.ts";

/** Which permissions syntax the config uses: legacy `sandbox_mode` or named `[permissions]` profiles. */
export type PermissionSyntax = "legacy" | "profiles";

/** Inputs of the syntax decision: the enabled config layers (any order), the merged table and overrides. */
export interface PermissionSyntaxInput {
  layers: readonly ConfigLayer[] | null;
  config: TomlTable;
  sandboxModeOverride: boolean;
}

function layerSelects(config: TomlTable): { sandboxMode: boolean; defaultPermissions: boolean } {
  return {
    sandboxMode: parseConfigSandboxMode(config.sandbox_mode) !== null,
    defaultPermissions: typeof config.default_permissions === "string",
  };
}

/**
 * Decides the permissions syntax (`resolve_permission_config_syntax`, core/src/config/mod.rs): a sandbox
 * override (`-s`, `thread/start` `sandbox`) ⇒ legacy; `-c default_permissions` ⇒ profiles; otherwise the
 * highest enabled layer that sets either key decides (`default_permissions` wins inside one layer); with no
 * layer information the merged table decides; nothing set ⇒ null (the built-in default profile path).
 * Disabled layers (untrusted projects) are skipped [probed].
 */
export function resolvePermissionSyntax(input: PermissionSyntaxInput): PermissionSyntax | null {
  if (input.sandboxModeOverride) return "legacy";
  const layers = (input.layers ?? [])
    .filter((layer) => layer.disabledReason === null)
    .sort((a, b) => a.precedence - b.precedence);
  const sessionFlags = layers.find((layer) => layer.name.type === "sessionFlags");
  if (sessionFlags && layerSelects(sessionFlags.config).defaultPermissions) return "profiles";
  let selection: PermissionSyntax | null = null;
  for (const layer of layers) {
    const selects = layerSelects(layer.config);
    if (selects.sandboxMode) selection = "legacy";
    if (selects.defaultPermissions) selection = "profiles";
  }
  if (selection !== null) return selection;
  const merged = layerSelects(input.config);
  if (merged.defaultPermissions) return "profiles";
  if (merged.sandboxMode) return "legacy";
  return null;
}
