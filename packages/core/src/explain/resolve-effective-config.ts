import type { ConfigLayer } from "../config/config-layer.ts";
import type { LoadedConfigLayers } from "../config/load-config-layers.ts";
import { mergeTomlValues } from "../config/merge-toml.ts";
import { type ApprovalPolicy, approvalPolicyFromToml } from "../constraints/approval-policy.ts";
import { approvalsReviewerFromToml } from "../constraints/approvals-reviewer.ts";
import type { WebSearchMode } from "../constraints/web-search-mode.ts";
import { applyExactRequirements } from "../effective/apply-exact-requirements.ts";
import { resolveApprovalPolicy } from "../effective/resolve-approval-policy.ts";
import { resolveApprovalsReviewer } from "../effective/resolve-approvals-reviewer.ts";
import { resolveMcpServers } from "../effective/resolve-mcp-servers.ts";
import { configuredWebSearchMode, resolveWebSearchMode } from "../effective/resolve-web-search-mode.ts";
import { resolveFeatures } from "../features/resolve-features.ts";
import { hooksJsonPaths, listHooks, requiredManagedHooksError } from "../hooks/list-hooks.ts";
import { resolvePermissionProfile } from "../permissions/resolve-permission-profile.ts";
import type { FileReadResult } from "../ports/file-system-port.ts";
import { resolveCodexPath } from "../requirements/app-server/codex-paths.ts";
import type { ComposedRequirements } from "../requirements/compose-requirements.ts";
import type { NormalizedRequirements } from "../requirements/normalize-requirements.ts";
import { cloneToml, isTable, type TomlTable } from "../toml/toml-value.ts";
import type { ExplainInputs } from "./explain-inputs.ts";
import type { EffectiveConfig } from "./explain-report.ts";
import { resolveModel } from "./resolve-model.ts";

/** What the effective-config step works from. */
export interface EffectiveInputs {
  inputs: ExplainInputs;
  loaded: LoadedConfigLayers;
  requirements: NormalizedRequirements | null;
  composed: ComposedRequirements | null;
  readHooksJson: (path: string) => FileReadResult;
}

/**
 * Applies the requirements to the merged config in Codex 0.169.0's order
 * (requirements-spec §4): exact values, feature pins, permission-profile selection, approval
 * policy, approvals reviewer, the permission-profile constraint, web search, then MCP servers and
 * hooks. Warnings come out in the order Codex prints them.
 */
export function resolveEffectiveConfig(
  input: EffectiveInputs,
): { value: EffectiveConfig; warnings: string[] } | { error: string; warnings: string[] } {
  const { inputs, loaded, requirements: req } = input;
  const config = cloneToml(loaded.merged);
  const warnings: string[] = [...loaded.warnings];
  const table = req?.table ?? {};
  const typed = req?.typed;

  if (req) {
    warnings.push(
      ...applyExactRequirements(config, {
        requirements: table,
        sourceOf: req.sourceOf,
        resolveConfigPath: (value) => resolveCodexPath(value, inputs.codexHome, inputs.homeDir),
      }),
    );
  }

  const features = resolveFeatures({
    version: inputs.codexVersion,
    config,
    requirements: req?.featurePins ?? null,
    reviewersExcludeUser: req?.approvalsReviewer ? !req.approvalsReviewer.allowed.includes("user") : false,
    noticeConfig: noticeConfig(loaded.layers),
    userConfigPath: `${inputs.codexHome}/config.toml`,
  });
  warnings.push(...features.warnings);
  if (features.error) return { error: features.error, warnings };

  const model = resolveModel(config);
  if ("error" in model) return { error: model.error, warnings };

  const trust = loaded.trust.activeProjectTrustLevel;
  const configuredApproval =
    config.approval_policy === undefined ? undefined : approvalPolicyFromToml(config.approval_policy);
  const approval = resolveApprovalPolicy({
    configured: configuredApproval,
    trust,
    constraint: req?.approvalPolicy ?? null,
  });
  const reviewerValue = config.approvals_reviewer;
  const reviewer = resolveApprovalsReviewer(
    typeof reviewerValue === "string" ? approvalsReviewerFromToml(reviewerValue) : undefined,
    req?.approvalsReviewer ?? null,
  );

  const permission = resolvePermissionProfile({
    config,
    layers: loaded.layers,
    trust,
    cwd: inputs.cwd,
    homeDir: inputs.homeDir,
    tmpdir: inputs.env.TMPDIR || null,
    platform: inputs.platform,
    approvalPolicy: approval.value,
    requirements: {
      allowedSandboxModes: req?.sandboxModes ?? null,
      allowedPermissionProfiles: typed?.allowed_permission_profiles
        ? { value: typed.allowed_permission_profiles, source: req!.sourceOf("allowed_permission_profiles") }
        : null,
      defaultPermissions: typed?.default_permissions ?? null,
      managedProfiles: managedProfiles(table),
      denyRead: req?.denyRead ?? null,
    },
  });
  warnings.push(...permission.warningPhases.selection);
  if (approval.warning) warnings.push(approval.warning);
  if (reviewer.warning) warnings.push(reviewer.warning);
  warnings.push(...permission.warningPhases.constraint);
  if (permission.error !== null) return { error: permission.error, warnings };

  const featureTable = isTable(config.features) ? config.features : {};
  const web = resolveWebSearchMode(
    configuredWebSearchMode(config.web_search as WebSearchMode | undefined, {
      webSearchRequest: featureTable.web_search_request === true,
      webSearchCached: featureTable.web_search_cached === true,
    }),
    req?.webSearch ?? null,
  );
  if (web.warning) warnings.push(web.warning);

  const mcpServers = resolveMcpServers(
    config.mcp_servers,
    typed?.mcp_servers ? { servers: typed.mcp_servers, source: req!.sourceOf("mcp_servers") } : null,
  );

  const hookFiles = new Map(
    hooksJsonPaths(loaded.layers, inputs.platform).map((path) => [path, input.readHooksJson(path)]),
  );
  const hooks = listHooks({
    cwd: inputs.cwd,
    platform: inputs.platform,
    layers: loaded.layers,
    managedHooks: input.composed?.hooks ?? null,
    allowManagedHooksOnly: typed?.allow_managed_hooks_only === true,
    hooksJson: hookFiles,
    hooksFeatureEnabled: features.features.hooks !== false,
  });
  warnings.push(...hooks.warnings, ...features.sessionWarnings);
  const hooksError = requiredManagedHooksError(hooks);
  if (hooksError) return { error: hooksError, warnings };

  return {
    value: {
      approvalPolicy: approvalJson(approval.value),
      approvalsReviewer: reviewer.value,
      sandboxMode: permission.sandboxMode!,
      webSearchMode: web.value,
      activePermissionProfile: permission.activePermissionProfile,
      model: model.model,
      modelProvider: model.provider,
      features: features.features,
      featuresChangedFromDefault: features.changedFromDefault,
      mcpServers,
      hooks: hooks.hooks.map(({ key, eventName, source, isManaged, trustStatus, currentHash }) => ({
        key,
        eventName,
        source,
        isManaged,
        trustStatus,
        currentHash,
      })),
    },
    warnings,
  };
}

/** The approval policy as the app-server spells it (`on-request`, or `{granular: {...}}`). */
function approvalJson(policy: ApprovalPolicy): EffectiveConfig["approvalPolicy"] {
  return typeof policy === "string" ? policy : { granular: { ...policy.granular } };
}

/** Managed `[permissions.<name>]` profiles: every table but the reserved `filesystem` and `network`. */
function managedProfiles(requirements: TomlTable): Record<string, TomlTable> {
  const permissions = isTable(requirements.permissions) ? requirements.permissions : {};
  const out: Record<string, TomlTable> = {};
  for (const [name, profile] of Object.entries(permissions)) {
    if (name !== "filesystem" && name !== "network" && isTable(profile)) out[name] = profile;
  }
  return out;
}

/** The user `config.toml`, profile file and `-c` layers merged: where Codex reports feature notices from. */
function noticeConfig(layers: readonly ConfigLayer[]): TomlTable {
  const relevant = [...layers]
    .reverse()
    .filter((layer) => layer.name.type === "user" || layer.name.type === "sessionFlags");
  return relevant.reduce<TomlTable>((acc, layer) => mergeTomlValues(acc, layer.config) as TomlTable, {});
}
