import type { FeatureRegistry } from "../features/feature-registry.ts";
import type { TomlDocument } from "../toml/parse-toml.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { collectSchemaErrors } from "./collect-schema-errors.ts";
import { configErrors } from "./config-errors.ts";
import type { Finding } from "./diagnostic-at.ts";
import { legacyManagedConfigSchemaCheck } from "./requirements-schema-check.ts";

/**
 * A legacy `managed_config.toml` is read twice (requirements-spec §2.5, §2.6): first as a
 * requirements layer from its three legacy keys (`Failed to parse config requirements as TOML: …`),
 * then as the top config layer. Keys already reported by the first reading are not reported again.
 */
export function managedConfigErrors(
  file: string,
  document: TomlDocument,
  table: TomlTable,
  registry: FeatureRegistry,
): Finding[] {
  const legacy = collectSchemaErrors(table, legacyManagedConfigSchemaCheck);
  const findings: Finding[] = legacy.errors.map((error) => ({
    code: "managed-config-type",
    severity: "error",
    message: error.message,
    path: error.path,
    at: error.atKey ? "key" : "value",
  }));
  return [...findings, ...configErrors(file, document, legacy.pruned, registry)];
}
