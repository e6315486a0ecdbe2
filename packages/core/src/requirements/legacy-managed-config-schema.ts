/**
 * Legacy `managed_config.toml` read as requirements (requirements-spec §2.6): only three keys of
 * `LegacyManagedConfigToml` are read, everything else is ignored.
 */

import { formatSerdeError, type Infer, optional, type SerdeError, struct } from "../serde/index.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import {
  type ApprovalsReviewer,
  type AskForApproval,
  approvalsReviewerSchema,
  askForApprovalSchema,
  type SandboxModeRequirement,
  sandboxModeSchema,
} from "./approval-schemas.ts";

/** `LegacyManagedConfigToml`. */
export const legacyManagedConfigSchema = struct(
  "LegacyManagedConfigToml",
  {
    approval_policy: optional(askForApprovalSchema, { description: "Becomes `allowed_approval_policies = [P]`." }),
    approvals_reviewer: optional(approvalsReviewerSchema, {
      description: "Becomes `allowed_approvals_reviewers = [R]` (`auto_review` also allows `user`).",
    }),
    sandbox_mode: optional(sandboxModeSchema, {
      description: 'Becomes `allowed_sandbox_modes = ["read-only", M]` (just `read-only` for read-only).',
    }),
  },
  { description: "Legacy managed defaults; the three keys below are also enforced as requirements." },
);
/** The three keys Codex reads from a legacy managed config. */
export type LegacyManagedConfigToml = Infer<typeof legacyManagedConfigSchema>;

/** Outcome of reading a legacy managed config as requirements. */
export type LegacyManagedConfigParse = { readonly value: LegacyManagedConfigToml } | { readonly error: SerdeError };

/** Deserializes the legacy keys from a parsed `managed_config.toml` (or MDM `config_toml_base64`). */
export function deserializeLegacyManagedConfig(table: TomlTable): LegacyManagedConfigParse {
  const result = legacyManagedConfigSchema.deserialize(table, "toml");
  return result.ok ? { value: result.value } : { error: result.error };
}

/** `Failed to parse config requirements as TOML: {err}` (probed, §2.6). */
export function formatLegacyManagedConfigError(error: SerdeError): string {
  return `Failed to parse config requirements as TOML: ${formatSerdeError(error)}`;
}

/** The requirements a legacy managed config produces (§2.6 table). */
export interface LegacyRequirements {
  allowed_approval_policies?: AskForApproval[];
  allowed_approvals_reviewers?: ApprovalsReviewer[];
  allowed_sandbox_modes?: SandboxModeRequirement[];
}

/** Maps the legacy keys to requirement allow-lists (probed against 0.169.0). */
export function legacyManagedConfigToRequirements(legacy: LegacyManagedConfigToml): LegacyRequirements {
  const out: LegacyRequirements = {};
  if (legacy.approval_policy !== undefined) out.allowed_approval_policies = [legacy.approval_policy];
  if (legacy.approvals_reviewer !== undefined) {
    out.allowed_approvals_reviewers =
      legacy.approvals_reviewer === "auto_review" ? ["auto_review", "user"] : [legacy.approvals_reviewer];
  }
  if (legacy.sandbox_mode !== undefined) {
    out.allowed_sandbox_modes =
      legacy.sandbox_mode === "read-only" ? ["read-only"] : ["read-only", legacy.sandbox_mode];
  }
  return out;
}

/** The same requirements as a TOML table, ready for layer composition (`merge_toml_values`). */
export function legacyRequirementsToToml(requirements: LegacyRequirements): TomlTable {
  const table: TomlTable = {};
  if (requirements.allowed_approval_policies) {
    table.allowed_approval_policies = requirements.allowed_approval_policies.map((policy) =>
      typeof policy === "string" ? policy : { granular: { ...policy.granular } },
    );
  }
  if (requirements.allowed_approvals_reviewers)
    table.allowed_approvals_reviewers = [...requirements.allowed_approvals_reviewers];
  if (requirements.allowed_sandbox_modes) table.allowed_sandbox_modes = [...requirements.allowed_sandbox_modes];
  return table;
}
