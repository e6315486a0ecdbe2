import type { ConfigLayer } from "../config/config-layer.ts";
import { checkConfigToml } from "../config/config-toml-schema.ts";
import { checkShellPolicyRepresentations, validateMergedConfig } from "../config/validate-config-stack.ts";
import type { FeatureRegistry } from "../features/feature-registry.ts";
import type { TomlDocument } from "../toml/parse-toml.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import { collectSchemaErrors, type SchemaCheck } from "./collect-schema-errors.ts";
import type { Finding } from "./diagnostic-at.ts";
import { removeKeyAt } from "./locate-serde-error.ts";

/** `ConfigToml` as Codex reads one file (`first_layer_config_error`): located where Codex points. */
function configSchemaCheck(registry: FeatureRegistry): SchemaCheck {
  return (table) => {
    const issue = checkConfigToml(table, registry);
    if (!issue) return null;
    let path = [...issue.spanPath];
    // A bare `features` path: Codex points at the first non-boolean entry (config-load-error.ts).
    const features = table.features;
    if (path.length === 1 && path[0] === "features" && isTable(features)) {
      const key = Object.keys(features).find((name) => typeof features[name] !== "boolean");
      if (key !== undefined) path = ["features", key];
    }
    return { message: issue.textMessage, path };
  };
}

/**
 * The errors that make Codex refuse a config.toml layer (also `managed_config.toml`, which is the
 * top config layer): type errors (`{file}:{line}:{col}: {message}`, all of them, see
 * collect-schema-errors.ts), then the merged-config checks (legacy `profile = "…"`,
 * `approval_policy = "untrusted"`) and `shell_environment_policy` mixing `filters` with legacy keys.
 */
export function configErrors(
  file: string,
  document: TomlDocument,
  table: TomlTable,
  registry: FeatureRegistry,
): Finding[] {
  const schema = collectSchemaErrors(table, configSchemaCheck(registry));
  const findings: Finding[] = schema.errors.map((error) => ({
    code: "config-type",
    severity: "error",
    message: error.message,
    path: error.path,
    at: error.atKey ? "key" : "value",
  }));
  if (!schema.complete) return findings;
  const layer = (config: TomlTable): ConfigLayer => ({
    name: { type: "system", file },
    precedence: 10,
    config,
    document,
    disabledReason: null,
  });
  let rest = schema.pruned;
  for (let guard = 0; guard < 8; guard++) {
    const found = validateMergedConfig([layer(rest)], rest, registry, "posix");
    if (!found?.keyPath) break;
    findings.push({ code: "config-unsupported", severity: "error", message: found.message, path: [found.keyPath] });
    rest = removeKeyAt(rest, [found.keyPath]);
  }
  const mixed = checkShellPolicyRepresentations([layer(rest)], "posix");
  if (mixed) {
    const prefix = `${file}:${mixed.line}:${mixed.column}: `;
    const message = mixed.message.startsWith(prefix) ? mixed.message.slice(prefix.length) : mixed.message;
    findings.push({ code: "config-unsupported", severity: "error", message, path: ["shell_environment_policy"] });
  }
  return findings;
}
