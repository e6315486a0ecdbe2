import {
  deserializeLegacyManagedConfig,
  formatLegacyManagedConfigError,
} from "../requirements/legacy-managed-config-schema.ts";
import { deserializeRequirements, deserializeRequirementsLayer } from "../requirements/requirements-schema.ts";
import type { SerdeError } from "../serde/serde-error.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import type { SchemaCheck, SchemaError } from "./collect-schema-errors.ts";
import { type DocumentDeserializer, locateSerdeError } from "./locate-serde-error.ts";

type Parse = (table: TomlTable) => { value: unknown } | { error: SerdeError };

const errorOf =
  (parse: Parse): DocumentDeserializer =>
  (table) => {
    const parsed = parse(table);
    return "error" in parsed ? parsed.error : null;
  };

// serde's message without the `in `path`` suffix: the diagnostic names the key itself.
function messageOf(error: SerdeError): string {
  return error.message.trimEnd();
}

function located(table: TomlTable, error: SerdeError, deserialize: DocumentDeserializer, message: string): SchemaError {
  const path = locateSerdeError(table, error, deserialize);
  return { message, path, atKey: /^(unknown|duplicate) field/.test(error.message) };
}

/**
 * A requirements file as Codex checks one layer (requirements-spec §2.2 step 4, without
 * `model_providers`), then as the merged requirements (§2.3), which adds `model_providers`.
 */
export const requirementsSchemaCheck: SchemaCheck = (table) => {
  for (const deserialize of [errorOf(deserializeRequirementsLayer), errorOf(deserializeRequirements)]) {
    const error = deserialize(table);
    if (error) return located(table, error, deserialize, messageOf(error));
  }
  return null;
};

/**
 * A legacy `managed_config.toml` read as requirements (§2.6): only `approval_policy`,
 * `approvals_reviewer` and `sandbox_mode`, reported as `Failed to parse config requirements as TOML: …`.
 */
export const legacyManagedConfigSchemaCheck: SchemaCheck = (table) => {
  const deserialize = errorOf(deserializeLegacyManagedConfig);
  const error = deserialize(table);
  if (!error) return null;
  const text = formatLegacyManagedConfigError({ message: error.message, path: [] }).trimEnd();
  return located(table, error, deserialize, text);
};
