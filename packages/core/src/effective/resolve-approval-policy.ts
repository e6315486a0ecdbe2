import { type ApprovalPolicy, debugApprovalPolicy } from "../constraints/approval-policy.ts";
import { type AllowListConstraint, resolveAllowListed } from "../constraints/resolve-allow-listed.ts";

/** What decides the approval policy: the configured value (any config layer) and the project's trust. */
export interface ApprovalPolicyInput {
  configured: ApprovalPolicy | undefined;
  trust: "trusted" | "untrusted" | null;
  constraint: AllowListConstraint<ApprovalPolicy> | null;
}

/**
 * The effective approval policy (requirements-spec §4.2, §4.5): untrusted projects default to
 * `untrusted`, everything else to `on-request`; requirements fall back to their first element.
 */
export function resolveApprovalPolicy(input: ApprovalPolicyInput): { value: ApprovalPolicy; warning: string | null } {
  const defaultValue: ApprovalPolicy = input.trust === "untrusted" ? "untrusted" : "on-request";
  return resolveAllowListed(
    { field: "approval_policy", debug: debugApprovalPolicy },
    input.configured,
    defaultValue,
    input.constraint,
  );
}
