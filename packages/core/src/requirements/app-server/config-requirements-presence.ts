/**
 * When Codex 0.169.0 reports "no requirements" (`requirements: null`) for a composed table
 * (requirements-spec §1.10, corrected by probes: see README.md in this folder).
 *
 * One predicate per top-level field of `ConfigRequirementsToml` (46 in 0.169.0); a test compares
 * the list with the requirements schema, so a new key cannot land without a decision here.
 * Several keys make the object non-null without appearing in it (`mcp_servers`, `rules`, …).
 */
import { isTable, type TomlTable } from "../../toml/toml-value.ts";
import { hasBrowserUseRequirements, hasComputerUseRequirements } from "./browser-computer-use-json.ts";
import { hasManagedHooks } from "./hooks-json.ts";
import { hasApplicationRequirements, networkTableOf } from "./network-json.ts";
import { arrayAt, has, rustTrim, stringAt, tableAt } from "./toml-access.ts";

type FieldIsSet = (composed: TomlTable) => boolean;

const present =
  (key: string): FieldIsSet =>
  (composed) =>
    has(composed, key);

const nonEmptyTable =
  (key: string): FieldIsSet =>
  (composed) =>
    Object.keys(tableAt(composed, key) ?? {}).length > 0;

const nonBlank =
  (key: string): FieldIsSet =>
  (composed) =>
    rustTrim(stringAt(composed, key) ?? "") !== "";

const FIELD_IS_SET = {
  model_provider: present("model_provider"),
  model_providers: nonEmptyTable("model_providers"),
  allowed_login_methods: present("allowed_login_methods"),
  allowed_chatgpt_workspaces: present("allowed_chatgpt_workspaces"),
  cli_auth_credentials_store: present("cli_auth_credentials_store"),
  chatgpt_base_url: present("chatgpt_base_url"),
  additional_developer_instructions: present("additional_developer_instructions"),
  allowed_approval_policies: present("allowed_approval_policies"),
  allowed_approvals_reviewers: present("allowed_approvals_reviewers"),
  allowed_sandbox_modes: present("allowed_sandbox_modes"),
  // Evaluated and removed per layer during composition; a leftover entry sets nothing itself.
  remote_sandbox_config: () => false,
  allowed_permission_profiles: present("allowed_permission_profiles"),
  default_permissions: present("default_permissions"),
  allowed_web_search_modes: present("allowed_web_search_modes"),
  allow_managed_hooks_only: present("allow_managed_hooks_only"),
  allow_browser_and_computer_use: present("allow_browser_and_computer_use"),
  allow_appshots: present("allow_appshots"),
  allow_remote_control: present("allow_remote_control"),
  computer_use: (c) => hasComputerUseRequirements(tableAt(c, "computer_use")),
  browser_use: (c) => hasBrowserUseRequirements(tableAt(c, "browser_use")),
  in_app_browser: (c) => has(tableAt(c, "in_app_browser"), "allow_external_browser_settings_import"),
  features: (c) => nonEmptyTable("features")(c) || nonEmptyTable("feature_requirements")(c),
  hooks: (c) => hasManagedHooks(tableAt(c, "hooks")),
  enforce_residency: present("enforce_residency"),
  network_proxy: (c) => networkTableOf(c) !== undefined,
  application: (c) => hasApplicationRequirements(tableAt(c, "application")),
  auto_review: (c) => {
    const autoReview = tableAt(c, "auto_review");
    return (
      (arrayAt(autoReview, "required_on_models")?.length ?? 0) > 0 ||
      (arrayAt(autoReview, "ignore_rules")?.length ?? 0) > 0
    );
  },
  models: (c) => {
    const newThread = tableAt(tableAt(c, "models"), "new_thread");
    return ["model", "model_reasoning_effort", "service_tier"].some((key) => has(newThread, key));
  },
  sqlite_home: present("sqlite_home"),
  log_dir: present("log_dir"),
  model_catalog_json: present("model_catalog_json"),
  check_for_update_on_startup: present("check_for_update_on_startup"),
  allow_login_shell: present("allow_login_shell"),
  // `enabled = true` (the default) still counts.
  feedback: (c) => has(tableAt(c, "feedback"), "enabled"),
  otel: (c) => Object.keys(tableAt(c, "otel") ?? {}).length > 0,
  // Present, even `mcp_servers = {}`, counts.
  mcp_servers: present("mcp_servers"),
  plugins: (c) =>
    Object.values(tableAt(c, "plugins") ?? {}).some(
      (plugin) => isTable(plugin) && Object.keys(tableAt(plugin, "mcp_servers") ?? {}).length > 0,
    ),
  apps: (c) => Object.values(tableAt(c, "apps") ?? {}).some((app) => isTable(app) && appIsSet(app)),
  marketplaces: (c) => {
    const marketplaces = tableAt(c, "marketplaces");
    return has(marketplaces, "restrict_to_allowed_sources") || nonEmptyTable("allowed_sources")(marketplaces ?? {});
  },
  // `sandbox_private_desktop` alone does not count (observed).
  windows: (c) =>
    has(tableAt(c, "windows"), "allowed_sandbox_implementations") || has(tableAt(c, "windows"), "require_mxc"),
  rules: present("rules"),
  permissions: (c) => permissionsAreSet(tableAt(c, "permissions")),
  guardian_policy_config: nonBlank("guardian_policy_config"),
  guardian_extra_policy: nonBlank("guardian_extra_policy"),
  unsafe_enforce_sqlite_journal_mode: present("unsafe_enforce_sqlite_journal_mode"),
  config_server: present("config_server"),
} satisfies Record<string, FieldIsSet>;

/** A top-level field of `ConfigRequirementsToml` (canonical names; the test checks the list against the schema). */
export type RequirementsField = keyof typeof FIELD_IS_SET;

/** The canonical top-level requirement fields. */
export const REQUIREMENTS_FIELDS = Object.keys(FIELD_IS_SET) as RequirementsField[];

/** True when Codex would report requirements (a non-null object) for this composed table. */
export function hasConfigRequirements(composed: TomlTable): boolean {
  return Object.values(FIELD_IS_SET).some((isSet) => isSet(composed));
}

/** The top-level fields that make `composed` non-empty, in declaration order (for explanations). */
export function setRequirementsFields(composed: TomlTable): RequirementsField[] {
  return REQUIREMENTS_FIELDS.filter((field) => FIELD_IS_SET[field](composed));
}

function appIsSet(app: TomlTable): boolean {
  if (has(app, "enabled")) return true;
  return Object.values(tableAt(app, "tools") ?? {}).some(
    (tool) => isTable(tool) && (has(tool, "approval_mode") || has(tool, "analytics_result_source")),
  );
}

// `deny_read` is pulled out of each layer and the tables it leaves empty are pruned, so
// `[permissions.filesystem]` with only `deny_read = []` counts as unset, while any other key
// (a profile, `filesystem.<other>`) counts.
function permissionsAreSet(permissions: TomlTable | undefined): boolean {
  if (!permissions) return false;
  const filesystem = tableAt(permissions, "filesystem");
  if ((arrayAt(filesystem, "deny_read")?.length ?? 0) > 0) return true;
  if (Object.keys(filesystem ?? {}).some((key) => key !== "deny_read")) return true;
  return Object.keys(permissions).some((key) => key !== "filesystem");
}
