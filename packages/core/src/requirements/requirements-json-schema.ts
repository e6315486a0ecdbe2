/**
 * JSON Schema documents generated from the serde declarations, so editors validate
 * `requirements.toml` / `managed_config.toml` with the same rules Codex 0.169.0 applies.
 */
import { type JsonSchema, toJsonSchemaDocument } from "../serde/index.ts";
import { legacyManagedConfigSchema } from "./legacy-managed-config-schema.ts";
import { requirementsTomlSchema } from "./requirements-schema.ts";

/** The `requirements.toml` JSON Schema (checked in as `schemas/requirements.schema.json`). */
export function buildRequirementsJsonSchema(): JsonSchema {
  return toJsonSchemaDocument(requirementsTomlSchema, {
    id: "https://warden.dev/schemas/requirements.schema.json",
    title: "Codex 0.169.0 requirements.toml",
    description:
      "Admin-enforced requirements read from /etc/codex/requirements.toml (also cloud and MDM layers). Unknown top-level keys are ignored by Codex.",
  });
}

/** The `managed_config.toml` JSON Schema: the three keys Codex also enforces as requirements (§2.6). */
export function buildManagedConfigJsonSchema(): JsonSchema {
  const document = toJsonSchemaDocument(legacyManagedConfigSchema, {
    id: "https://warden.dev/schemas/managed-config.schema.json",
    title: "Codex 0.169.0 managed_config.toml",
    description:
      "Legacy managed defaults (/etc/codex/managed_config.toml). Any config.toml key may appear and becomes the top config layer; approval_policy, approvals_reviewer and sandbox_mode are additionally turned into requirement allow-lists. Only those three keys are described here.",
  });
  return { ...document, additionalProperties: true };
}

/** Serializes a schema document the way the checked-in files are written. */
export function renderJsonSchema(document: JsonSchema): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
