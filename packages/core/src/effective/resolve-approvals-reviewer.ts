import { type ApprovalsReviewer, debugApprovalsReviewer } from "../constraints/approvals-reviewer.ts";
import { type AllowListConstraint, resolveAllowListed } from "../constraints/resolve-allow-listed.ts";

/** The effective approvals reviewer (spec §4.2): default `user`, falling back to the first allowed one. */
export function resolveApprovalsReviewer(
  configured: ApprovalsReviewer | undefined,
  constraint: AllowListConstraint<ApprovalsReviewer> | null,
): { value: ApprovalsReviewer; warning: string | null } {
  return resolveAllowListed(
    { field: "approvals_reviewer", debug: debugApprovalsReviewer },
    configured,
    "user",
    constraint,
  );
}
