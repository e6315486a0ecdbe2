/**
 * Allow-list element types of `requirements.toml` (requirements-spec §1.1, §1.9, §2.6).
 * Variant spellings and orders are the 0.169.0 `unknown variant` lists, probed against the binary.
 */
import {
  bool,
  defaulted,
  enumOf,
  type Infer,
  newtypeVariant,
  required,
  seq,
  string,
  stringEnum,
  struct,
  unitVariant,
} from "../serde/index.ts";

/** `GranularApprovalConfig`: the payload of `{ granular = { … } }` (unknown keys are ignored). */
export const granularApprovalConfigSchema = struct(
  "GranularApprovalConfig",
  {
    sandbox_approval: required(bool(), { description: "Ask before commands that need sandbox escalation." }),
    rules: required(bool(), { description: "Ask when exec-policy rules request a prompt." }),
    skill_approval: defaulted(bool(), () => false, { description: "Ask before running skills." }),
    request_permissions: defaulted(bool(), () => false, { description: "Ask on permission requests." }),
    mcp_elicitations: required(bool(), { description: "Forward MCP elicitations to the user." }),
  },
  { description: "Fine-grained approval switches; all five booleans take part in allow-list equality." },
);

/** `AskForApproval` (kebab-case; `granular` only as a newtype variant). */
export const askForApprovalSchema = enumOf(
  "AskForApproval",
  [
    unitVariant("untrusted", { description: "Ask for anything not known to be safe (Debug `UnlessTrusted`)." }),
    unitVariant("on-failure", { description: "Ask when a sandboxed command fails (Debug `OnFailure`)." }),
    unitVariant("on-request", { description: "The model decides when to ask (Debug `OnRequest`)." }),
    newtypeVariant("granular", granularApprovalConfigSchema, { description: "Per-category approval switches." }),
    unitVariant("never", { description: "Never ask (Debug `Never`)." }),
  ],
  { description: "An approval policy." },
);
/** An `approval_policy` value. */
export type AskForApproval = Infer<typeof askForApprovalSchema>;

/** `ApprovalsReviewer` (`guardian_subagent` is an alias of `auto_review`). */
export const approvalsReviewerSchema = stringEnum("ApprovalsReviewer", ["user", "auto_review"], {
  aliases: { auto_review: ["guardian_subagent"] },
  description: "Who reviews approval requests.",
});
/** An `approvals_reviewer` value (aliases resolved). */
export type ApprovalsReviewer = Infer<typeof approvalsReviewerSchema>;

/** `SandboxModeRequirement` (requirements-only; includes `external-sandbox`). */
export const sandboxModeRequirementSchema = stringEnum(
  "SandboxModeRequirement",
  ["read-only", "workspace-write", "danger-full-access", "external-sandbox"],
  { description: "A sandbox class; allow-lists must contain `read-only`." },
);
/** An `allowed_sandbox_modes` element. */
export type SandboxModeRequirement = Infer<typeof sandboxModeRequirementSchema>;

/** Config-level `SandboxMode` (legacy `managed_config.toml`, §2.6). */
export const sandboxModeSchema = stringEnum("SandboxMode", ["read-only", "workspace-write", "danger-full-access"], {
  description: "A config.toml sandbox mode.",
});
/** A `sandbox_mode` value. */
export type SandboxMode = Infer<typeof sandboxModeSchema>;

/** `WebSearchModeRequirement` (`disabled` is always implicitly allowed). */
export const webSearchModeSchema = stringEnum("WebSearchModeRequirement", ["disabled", "cached", "indexed", "live"], {
  description: "A web search mode.",
});
/** An `allowed_web_search_modes` element. */
export type WebSearchModeRequirement = Infer<typeof webSearchModeSchema>;

/** `ResidencyRequirement` (only `us`). */
export const residencySchema = stringEnum("ResidencyRequirement", ["us"], { description: "Data residency region." });

/** `ForcedLoginMethod`. */
export const loginMethodSchema = stringEnum("ForcedLoginMethod", ["chatgpt", "api"], {
  description: "A login method.",
});

/** `AuthCredentialsStoreMode`. */
export const credentialsStoreSchema = stringEnum("AuthCredentialsStoreMode", ["file", "keyring", "auto", "ephemeral"], {
  description: "Where CLI credentials are stored.",
});

/** `RemoteSandboxConfigToml`: a host-specific `allowed_sandbox_modes` override (§2.4). */
export const remoteSandboxConfigSchema = struct(
  "RemoteSandboxConfigToml",
  {
    hostname_patterns: required(seq(string()), {
      description: "Case-insensitive globs (`*`, `?`) matched against the machine's FQDN.",
    }),
    allowed_sandbox_modes: required(seq(sandboxModeRequirementSchema), {
      description: "Replaces the layer's `allowed_sandbox_modes` when a pattern matches.",
    }),
  },
  { description: "First entry with a matching hostname pattern wins within its layer." },
);
