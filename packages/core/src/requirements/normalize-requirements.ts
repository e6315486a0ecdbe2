import { type ApprovalPolicy, canonicalApprovalPolicy } from "../constraints/approval-policy.ts";
import type { ApprovalsReviewer } from "../constraints/approvals-reviewer.ts";
import { debugList, emptyFieldMessage, invalidValueMessage } from "../constraints/constraint-error.ts";
import type { AllowListConstraint } from "../constraints/resolve-allow-listed.ts";
import type { WebSearchMode } from "../constraints/web-search-mode.ts";
import { rustDebugString as debugString } from "../serde/rust-display.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import type { ComposedRequirements } from "./compose-requirements.ts";
import { validateMcpRequirements } from "./mcp-identity.ts";
import { convertRequirementsRules, formatInvalidRulesError, type RequirementsExecPolicy } from "./prefix-rules.ts";
import { displayRequirementSource } from "./requirement-source.ts";
import type { RequirementsToml } from "./requirements-schema.ts";

/** A requirement value and the display string of who set it. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** The composed requirements turned into constraints (requirements-spec §3.2). */
export interface NormalizedRequirements {
  typed: RequirementsToml;
  table: TomlTable;
  sourceOf: (key: string) => string;
  approvalPolicy: AllowListConstraint<ApprovalPolicy> | null;
  approvalsReviewer: AllowListConstraint<ApprovalsReviewer> | null;
  sandboxModes: Sourced<
    readonly ("read-only" | "workspace-write" | "danger-full-access" | "external-sandbox")[]
  > | null;
  webSearch: { allowed: ReadonlySet<WebSearchMode>; source: string } | null;
  rules: Sourced<RequirementsExecPolicy> | null;
  featurePins: { entries: Array<[string, boolean]>; source: string } | null;
  hooks: Sourced<TomlTable> | null;
  denyRead: Sourced<readonly string[]> | null;
}

const SANDBOX_DEBUG: Record<string, string> = {
  "read-only": "ReadOnly",
  "workspace-write": "WorkspaceWrite",
  "danger-full-access": "DangerFullAccess",
  "external-sandbox": "ExternalSandbox",
};

/** Slugs for `auto_review.required_on_models`: non-empty, no surrounding whitespace, no `/`. */
function invalidModelSlug(slugs: readonly string[]): string | undefined {
  return slugs.find((slug) => slug === "" || slug.trim() !== slug || slug.includes("/"));
}

/**
 * Builds the constraints in Codex's order of checks (spec §3.2): auto_review slugs → MCP →
 * approval → reviewer → sandbox → windows → rules → web search → hooks → residency. The first
 * failing check is Codex's startup error.
 */
export function normalizeRequirements(
  composed: ComposedRequirements,
  typed: RequirementsToml,
): { value: NormalizedRequirements } | { error: string } {
  const sourceOf = (key: string) => displayRequirementSource(composed.sourceOf(key));

  const slug = invalidModelSlug(typed.auto_review?.required_on_models ?? []);
  if (slug !== undefined) {
    return {
      error: invalidValueMessage(
        "auto_review.required_on_models",
        debugString(slug),
        "non-empty model slugs without surrounding whitespace or provider namespaces",
        sourceOf("auto_review"),
      ),
    };
  }

  const mcpError = validateMcpRequirements(typed.mcp_servers, typed.plugins, {
    mcpServers: sourceOf("mcp_servers"),
    plugins: sourceOf("plugins"),
  });
  if (mcpError) return { error: mcpError };

  const approvals = typed.allowed_approval_policies;
  if (approvals?.length === 0) return { error: emptyFieldMessage("allowed_approval_policies") };
  const reviewers = typed.allowed_approvals_reviewers;
  if (reviewers?.length === 0) return { error: emptyFieldMessage("allowed_approvals_reviewers") };

  const sandboxModes = typed.allowed_sandbox_modes;
  if (sandboxModes && !sandboxModes.includes("read-only")) {
    return {
      error: invalidValueMessage(
        "allowed_sandbox_modes",
        debugList(sandboxModes.map((mode) => SANDBOX_DEBUG[mode]!)),
        "must include 'read-only' to allow any PermissionProfile",
        sourceOf("allowed_sandbox_modes"),
      ),
    };
  }

  if (typed.windows?.allowed_sandbox_implementations?.length === 0) {
    return { error: emptyFieldMessage("windows.allowed_sandbox_implementations") };
  }

  let rules: NormalizedRequirements["rules"] = null;
  if (typed.rules && composed.rules) {
    const source = displayRequirementSource(composed.rules.source);
    const converted = convertRequirementsRules(typed.rules);
    if ("reason" in converted) return { error: formatInvalidRulesError(source, converted.reason) };
    rules = { value: converted.value, source };
  }

  const webModes = typed.allowed_web_search_modes;
  const webSearch = webModes
    ? { allowed: new Set<WebSearchMode>(["disabled", ...webModes]), source: sourceOf("allowed_web_search_modes") }
    : null;

  const features = typed.features ? Object.entries(typed.features) : [];
  return {
    value: {
      typed,
      table: composed.table,
      sourceOf,
      approvalPolicy: approvals
        ? { allowed: approvals.map(canonicalApprovalPolicy), source: sourceOf("allowed_approval_policies") }
        : null,
      approvalsReviewer: reviewers ? { allowed: reviewers, source: sourceOf("allowed_approvals_reviewers") } : null,
      sandboxModes: sandboxModes ? { value: sandboxModes, source: sourceOf("allowed_sandbox_modes") } : null,
      webSearch,
      rules,
      featurePins: features.length > 0 ? { entries: features, source: sourceOf("features") } : null,
      hooks: composed.hooks
        ? { value: composed.hooks.table, source: displayRequirementSource(composed.hooks.source) }
        : null,
      denyRead: composed.denyRead
        ? { value: composed.denyRead.patterns, source: displayRequirementSource(composed.denyRead.source) }
        : null,
    },
  };
}
