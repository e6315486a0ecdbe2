import { isTable, type TomlValue } from "../toml/toml-value.ts";

/** The five booleans of a granular approval policy. */
export interface GranularApprovalConfig {
  sandbox_approval: boolean;
  rules: boolean;
  skill_approval: boolean;
  request_permissions: boolean;
  mcp_elicitations: boolean;
}

/** Codex's `AskForApproval`, as written in TOML. */
export type ApprovalPolicy = "untrusted" | "on-failure" | "on-request" | "never" | { granular: GranularApprovalConfig };

const DEBUG_NAMES: Record<Exclude<ApprovalPolicy, object>, string> = {
  untrusted: "UnlessTrusted",
  "on-failure": "OnFailure",
  "on-request": "OnRequest",
  never: "Never",
};

/**
 * Codex 0.169.0 loads the deprecated `on-failure` as `on-request` (observed: an allow-list
 * `["on-failure", "on-request"]` is reported and enforced as `[OnRequest, OnRequest]`).
 */
export function canonicalApprovalPolicy(policy: ApprovalPolicy): ApprovalPolicy {
  return policy === "on-failure" ? "on-request" : policy;
}

/** Reads an already-validated TOML approval policy value. */
export function approvalPolicyFromToml(value: TomlValue): ApprovalPolicy {
  if (typeof value === "string") return canonicalApprovalPolicy(value as ApprovalPolicy);
  const granular = isTable(value) && isTable(value.granular) ? value.granular : {};
  const flag = (key: string) => granular[key] === true;
  return {
    granular: {
      sandbox_approval: flag("sandbox_approval"),
      rules: flag("rules"),
      skill_approval: flag("skill_approval"),
      request_permissions: flag("request_permissions"),
      mcp_elicitations: flag("mcp_elicitations"),
    },
  };
}

/** Rust `Debug` rendering, e.g. `OnRequest` or `Granular(GranularApprovalConfig { … })`. */
export function debugApprovalPolicy(policy: ApprovalPolicy): string {
  if (typeof policy === "string") return DEBUG_NAMES[policy];
  const g = policy.granular;
  return `Granular(GranularApprovalConfig { sandbox_approval: ${g.sandbox_approval}, rules: ${g.rules}, skill_approval: ${g.skill_approval}, request_permissions: ${g.request_permissions}, mcp_elicitations: ${g.mcp_elicitations} })`;
}

/** Exact equality (granular compares all five booleans). */
export function sameApprovalPolicy(a: ApprovalPolicy, b: ApprovalPolicy): boolean {
  return debugApprovalPolicy(a) === debugApprovalPolicy(b);
}
