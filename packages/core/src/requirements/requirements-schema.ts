/**
 * The 0.169.0 `ConfigRequirementsToml` (requirements-spec §1): 46 keys, no `deny_unknown_fields`
 * (unknown top-level keys are ignored), every key optional.
 */

import { bool, type Infer, map, optional, path, type SerdeError, seq, string, struct } from "../serde/index.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import {
  approvalsReviewerSchema,
  askForApprovalSchema,
  credentialsStoreSchema,
  loginMethodSchema,
  remoteSandboxConfigSchema,
  residencySchema,
  sandboxModeRequirementSchema,
  webSearchModeSchema,
} from "./approval-schemas.ts";
import { appsRequirementsSchema, marketplacesRequirementsSchema } from "./apps-requirements-schema.ts";
import {
  browserUseRequirementsSchema,
  computerUseRequirementsSchema,
  inAppBrowserRequirementsSchema,
} from "./browser-computer-use-schema.ts";
import { managedHooksRequirementsSchema } from "./hooks-requirements-schema.ts";
import { mcpServerRequirementSchema, pluginRequirementsSchema } from "./mcp-requirements-schema.ts";
import {
  applicationRequirementsSchema,
  autoReviewRequirementsSchema,
  featureRequirementsSchema,
  feedbackSchema,
  modelProviderSchema,
  modelsRequirementsSchema,
  windowsRequirementsSchema,
} from "./misc-requirements-schema.ts";
import { networkRequirementsSchema } from "./network-requirements-schema.ts";
import { configServerSchema, otelRequirementsSchema } from "./otel-config-server-schema.ts";
import { permissionsRequirementsSchema } from "./permissions-requirements-schema.ts";
import { rulesRequirementsSchema } from "./rules-requirements-schema.ts";

const exact = (what: string) => `Managed value that overrides ${what} (exact override).`;

/** `ConfigRequirementsToml` as a serde schema (TS property names are the TOML keys). */
export const requirementsTomlSchema = struct(
  "ConfigRequirementsToml",
  {
    config_server: optional(configServerSchema),
    allowed_login_methods: optional(seq(loginMethodSchema), { description: "Allowed login methods (local only)." }),
    allowed_chatgpt_workspaces: optional(seq(string()), { description: "Allowed ChatGPT workspace ids (local only)." }),
    cli_auth_credentials_store: optional(credentialsStoreSchema, { description: exact("the credentials store") }),
    chatgpt_base_url: optional(string(), { description: exact("`chatgpt_base_url`") }),
    sqlite_home: optional(path(), { description: exact("`sqlite_home`; relative to the layer directory") }),
    log_dir: optional(path(), { description: exact("`log_dir`; relative to the layer directory") }),
    model_catalog_json: optional(path(), { description: exact("`model_catalog_json`") }),
    model_provider: optional(string(), { description: exact("the model provider, even CLI flags") }),
    model_providers: optional(map(modelProviderSchema), {
      description: "Provider definitions replacing configured ones.",
    }),
    check_for_update_on_startup: optional(bool(), { description: exact("`check_for_update_on_startup`") }),
    allow_login_shell: optional(bool(), { description: exact("`allow_login_shell`") }),
    unsafe_enforce_sqlite_journal_mode: optional(bool(), { description: "0.169.0 exact override." }),
    feedback: optional(feedbackSchema),
    allowed_approval_policies: optional(seq(askForApprovalSchema), {
      description: "Allowed approval policies; fallback is the first element; must not be empty.",
    }),
    allowed_approvals_reviewers: optional(seq(approvalsReviewerSchema), {
      description: "Allowed reviewers; fallback is the first element; must not be empty.",
    }),
    allowed_sandbox_modes: optional(seq(sandboxModeRequirementSchema), {
      description: "Allowed sandbox classes; must include `read-only` (the fallback).",
    }),
    allowed_permission_profiles: optional(map(bool()), {
      description: "Profile name → allowed; forces named-profile mode.",
    }),
    default_permissions: optional(string(), { description: "Fallback permission profile." }),
    remote_sandbox_config: optional(seq(remoteSandboxConfigSchema), {
      description: "Hostname-specific `allowed_sandbox_modes`, applied within this layer.",
    }),
    allowed_web_search_modes: optional(seq(webSearchModeSchema), {
      description: "Allowed web search modes; `disabled` is always allowed.",
    }),
    allow_managed_hooks_only: optional(bool(), { description: "Only managed hooks run." }),
    allow_browser_and_computer_use: optional(bool()),
    allow_appshots: optional(bool()),
    allow_remote_control: optional(bool()),
    computer_use: optional(computerUseRequirementsSchema),
    browser_use: optional(browserUseRequirementsSchema),
    in_app_browser: optional(inAppBrowserRequirementsSchema),
    windows: optional(windowsRequirementsSchema),
    features: optional(featureRequirementsSchema, { aliases: ["feature_requirements"] }),
    hooks: optional(managedHooksRequirementsSchema),
    mcp_servers: optional(map(mcpServerRequirementSchema), {
      description: "MCP allow-list: server name → identity.",
    }),
    plugins: optional(map(pluginRequirementsSchema), { description: "Per-plugin MCP allow-lists." }),
    marketplaces: optional(marketplacesRequirementsSchema),
    apps: optional(appsRequirementsSchema),
    rules: optional(rulesRequirementsSchema),
    enforce_residency: optional(residencySchema, { description: "Pin data residency." }),
    network_proxy: optional(networkRequirementsSchema, {
      aliases: ["experimental_network"],
      description: "Managed network proxy constraints.",
    }),
    application: optional(applicationRequirementsSchema),
    permissions: optional(permissionsRequirementsSchema),
    auto_review: optional(autoReviewRequirementsSchema),
    models: optional(modelsRequirementsSchema),
    otel: optional(otelRequirementsSchema),
    additional_developer_instructions: optional(string(), { description: "Managed developer instructions." }),
    guardian_policy_config: optional(string(), { description: "Guardian policy; blank counts as absent." }),
    guardian_extra_policy: optional(string(), { description: "Extra Guardian rules (0.169.0)." }),
  },
  { description: "Codex 0.169.0 admin requirements (`/etc/codex/requirements.toml`)." },
);

/** A deserialized `requirements.toml` (keys as in TOML; `feature_requirements` → `features`). */
export type RequirementsToml = Infer<typeof requirementsTomlSchema>;

/** Every top-level key 0.169.0 knows, including the aliases `feature_requirements` and `experimental_network`. */
export const REQUIREMENTS_TOP_LEVEL_KEYS: readonly string[] = requirementsTomlSchema.keys;

/** Outcome of deserializing a requirements table. */
export type RequirementsParse = { readonly value: RequirementsToml } | { readonly error: SerdeError };

/**
 * Deserializes a composed (merged) requirements table, like `failed to parse merged requirements`
 * (requirements-spec §2.3). Render the error with `formatSerdeError`.
 */
export function deserializeRequirements(table: TomlTable): RequirementsParse {
  const result = requirementsTomlSchema.deserialize(table, "toml");
  return result.ok ? { value: result.value } : { error: result.error };
}

/**
 * Validates one layer the way layer.rs does before composition (§2.2 step 4): the whole table
 * except `model_providers`, which is only checked after merging.
 */
export function deserializeRequirementsLayer(table: TomlTable): RequirementsParse {
  const { model_providers: _skipped, ...rest } = table;
  return deserializeRequirements(rest);
}
