import { deserializeRequirements } from "../requirements/requirements-schema.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import { collectSchemaErrors, touchesRemoved } from "./collect-schema-errors.ts";
import type { Finding } from "./diagnostic-at.ts";
import { featurePinFindings } from "./feature-pin-findings.ts";
import type { ConcretePath } from "./locate-serde-error.ts";
import { managedHookFindings } from "./managed-hooks-findings.ts";
import { permissionProfileErrors } from "./permission-profile-errors.ts";
import { requirementsConstraintErrors } from "./requirements-constraint-errors.ts";
import { requirementsRulesErrors } from "./requirements-rules-errors.ts";
import { requirementsSchemaCheck } from "./requirements-schema-check.ts";

/**
 * Everything that makes Codex refuse a requirements file on its own (requirements-spec §1, §3):
 * type errors (all of them), then, on the well-typed rest, the normalization errors, `[rules]`
 * conversion errors, permission-profile catalog errors, feature pin conflicts and managed hooks
 * that cannot load. Codex's own startup warnings about pins and hooks come along as warnings.
 */
export function requirementsErrors(file: string, table: TomlTable): Finding[] {
  const schema = collectSchemaErrors(table, requirementsSchemaCheck);
  const findings: Finding[] = schema.errors.map((error) => ({
    code: "requirements-type",
    severity: "error",
    message: error.message,
    path: error.path,
    at: error.atKey ? "key" : "value",
  }));
  if (!schema.complete) return findings;
  const typed = deserializeRequirements(schema.pruned);
  if ("error" in typed) return findings;
  // A part that lost a key to a reported type error is not checked again (only consequences would follow).
  const touched = (...subject: ConcretePath) => touchesRemoved(schema.removed, subject);
  const rest = schema.pruned;
  findings.push(...requirementsConstraintErrors(file, rest, touched));
  if (typed.value.rules) {
    findings.push(
      ...requirementsRulesErrors(file, typed.value.rules, (index) => touched("rules", "prefix_rules", index)),
    );
  }
  if (!touched("allowed_permission_profiles") && !touched("default_permissions") && !touched("permissions")) {
    findings.push(...permissionProfileErrors(rest));
  }
  if (!touched("features") && !touched("feature_requirements")) findings.push(...featurePinFindings(file, rest));
  if (isTable(rest.hooks)) {
    findings.push(...managedHookFindings(file, rest.hooks, (event, group) => touched("hooks", event, group)));
  }
  return findings;
}
