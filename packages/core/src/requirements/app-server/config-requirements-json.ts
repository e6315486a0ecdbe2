/**
 * Composed requirements → the `requirements` member of Codex 0.169.0's `configRequirements/read`
 * response (also printed by `codex app-server --print-startup-config` under
 * `configRequirements.requirements`). Every rule here was observed on the 0.169.0 binary; the
 * mapping table and the spec discrepancies are in README.md beside this file.
 */
import { isTable, type TomlTable, type TomlValue } from "../../toml/toml-value.ts";
import { toBrowserUseJson, toComputerUseJson, toInAppBrowserJson } from "./browser-computer-use-json.ts";
import { formatCodexJson } from "./codex-json-format.ts";
import { resolveCodexPath, toFileUrl } from "./codex-paths.ts";
import { hasConfigRequirements } from "./config-requirements-presence.ts";
import { toManagedHooksJson } from "./hooks-json.ts";
import { toModelProvidersJson } from "./model-providers-json.ts";
import { networkTableOf, toApplicationJson, toNetworkJson } from "./network-json.ts";
import { toOtelJson } from "./otel-json.ts";
import { arrayAt, boolAt, rustTrim, sortedMap, sortedMapAt, stringAt, stringsAt, tableAt } from "./toml-access.ts";

/** What the mapping needs besides the table: where relative paths and `~` resolve. */
export interface ConfigRequirementsJsonContext {
  /** Directory of the requirements file (`/etc/codex` for the system file); relative paths join it. */
  baseDir: string;
  /** `$HOME` of the Codex process, for `~/` in path keys; `~` stays literal when omitted. */
  homeDir?: string;
  /** Working directory of the Codex process: the default `model_providers.*.auth.cwd`. */
  cwd: string;
}

/** The JSON object Codex prints for these composed requirements, or null when they are "empty". */
export function toConfigRequirementsJson(
  composed: TomlTable | null,
  context: ConfigRequirementsJsonContext,
): Record<string, unknown> | null {
  if (!composed || !hasConfigRequirements(composed)) return null;
  const r = composed;
  const path = (key: string) => {
    const value = stringAt(r, key);
    return value === null ? null : toFileUrl(resolveCodexPath(value, context.baseDir, context.homeDir));
  };
  const autoReview = tableAt(r, "auto_review");
  const newThread = tableAt(tableAt(r, "models"), "new_thread");
  const feedbackEnabled = boolAt(tableAt(r, "feedback"), "enabled");
  const features = tableAt(r, "features") ?? tableAt(r, "feature_requirements");
  return {
    modelProvider: stringAt(r, "model_provider"),
    modelProviders: toModelProvidersJson(tableAt(r, "model_providers"), context),
    allowedLoginMethods: allowedLoginMethods(r),
    cliAuthCredentialsStore: stringAt(r, "cli_auth_credentials_store"),
    chatgptBaseUrl: stringAt(r, "chatgpt_base_url"),
    additionalDeveloperInstructions: stringAt(r, "additional_developer_instructions"),
    allowedApprovalPolicies: arrayAt(r, "allowed_approval_policies")?.map(approvalPolicyJson) ?? null,
    allowedApprovalsReviewers:
      stringsAt(r, "allowed_approvals_reviewers")?.map((v) => (v === "guardian_subagent" ? "auto_review" : v)) ?? null,
    // The protocol's SandboxMode has no external-sandbox variant: such entries are dropped.
    allowedSandboxModes: stringsAt(r, "allowed_sandbox_modes")?.filter((mode) => mode !== "external-sandbox") ?? null,
    allowedWindowsSandboxImplementations: stringsAt(tableAt(r, "windows"), "allowed_sandbox_implementations"),
    allowedPermissionProfiles: sortedMapAt(r, "allowed_permission_profiles", (v) => v),
    defaultPermissions: stringAt(r, "default_permissions"),
    allowedWebSearchModes: allowedWebSearchModes(r),
    allowManagedHooksOnly: boolAt(r, "allow_managed_hooks_only"),
    allowBrowserAndComputerUse: boolAt(r, "allow_browser_and_computer_use"),
    allowAppshots: boolAt(r, "allow_appshots"),
    allowRemoteControl: boolAt(r, "allow_remote_control"),
    computerUse: toComputerUseJson(tableAt(r, "computer_use")),
    browserUse: toBrowserUseJson(tableAt(r, "browser_use")),
    inAppBrowser: toInAppBrowserJson(tableAt(r, "in_app_browser")),
    featureRequirements: features && Object.keys(features).length > 0 ? sortedMap(features, (v) => v) : null,
    hooks: toManagedHooksJson(tableAt(r, "hooks")),
    enforceResidency: stringAt(r, "enforce_residency"),
    network: toNetworkJson(networkTableOf(r)),
    application: toApplicationJson(tableAt(r, "application"), context),
    autoReview: autoReviewJson(autoReview),
    models:
      newThread && ["model", "model_reasoning_effort", "service_tier"].some((k) => newThread[k] !== undefined)
        ? {
            newThread: {
              model: stringAt(newThread, "model"),
              modelReasoningEffort: stringAt(newThread, "model_reasoning_effort"),
              serviceTier: stringAt(newThread, "service_tier"),
            },
          }
        : null,
    sqliteHome: path("sqlite_home"),
    logDir: path("log_dir"),
    modelCatalogJson: path("model_catalog_json"),
    checkForUpdateOnStartup: boolAt(r, "check_for_update_on_startup"),
    allowLoginShell: boolAt(r, "allow_login_shell"),
    feedback: feedbackEnabled === null ? null : { enabled: feedbackEnabled },
    otel: toOtelJson(tableAt(r, "otel"), context),
  };
}

/** `toConfigRequirementsJson` rendered as the exact compact text Codex prints (`null` included). */
export function formatConfigRequirementsJson(
  composed: TomlTable | null,
  context: ConfigRequirementsJsonContext,
): string {
  return formatCodexJson(toConfigRequirementsJson(composed, context));
}

// Always present once requirements exist: the allowed methods (default both) as a set in
// `api`, `chatgpt` order; `chatgpt` is removed when `allowed_chatgpt_workspaces` is present but
// holds no non-blank entry.
function allowedLoginMethods(r: TomlTable): string[] {
  const configured = stringsAt(r, "allowed_login_methods");
  const workspaces = stringsAt(r, "allowed_chatgpt_workspaces");
  const chatgptUsable = workspaces === null || workspaces.some((w) => rustTrim(w) !== "");
  return ["api", "chatgpt"].filter(
    (method) => (configured === null || configured.includes(method)) && (method === "api" || chatgptUsable),
  );
}

// `on-failure` is reported as `on-request`; a granular policy lists all five flags, the two
// optional ones defaulting to false.
function approvalPolicyJson(policy: TomlValue): unknown {
  if (typeof policy === "string") return policy === "on-failure" ? "on-request" : policy;
  const granular = isTable(policy) ? tableAt(policy, "granular") : undefined;
  return {
    granular: {
      sandbox_approval: boolAt(granular, "sandbox_approval"),
      rules: boolAt(granular, "rules"),
      skill_approval: boolAt(granular, "skill_approval") ?? false,
      request_permissions: boolAt(granular, "request_permissions") ?? false,
      mcp_elicitations: boolAt(granular, "mcp_elicitations"),
    },
  };
}

// The configured list (order and duplicates kept) with `disabled` appended unless listed.
function allowedWebSearchModes(r: TomlTable): string[] | null {
  const modes = stringsAt(r, "allowed_web_search_modes");
  if (modes === null) return null;
  return modes.includes("disabled") ? modes : [...modes, "disabled"];
}

// `required_on_models` is deduplicated (first occurrence kept) and null when empty;
// `ignore_rules` is printed as written, an empty list included.
function autoReviewJson(autoReview: TomlTable | undefined): Record<string, unknown> | null {
  const required = [...new Set(stringsAt(autoReview, "required_on_models") ?? [])];
  const ignore = stringsAt(autoReview, "ignore_rules");
  if (required.length === 0 && (ignore === null || ignore.length === 0)) return null;
  return { requiredOnModels: required.length > 0 ? required : null, ignoreRules: ignore };
}
