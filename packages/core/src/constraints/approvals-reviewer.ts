/** Codex's `ApprovalsReviewer` (`guardian_subagent` is an alias of `auto_review`). */
export type ApprovalsReviewer = "user" | "auto_review";

/** Reads a reviewer as written in TOML, resolving the alias. */
export function approvalsReviewerFromToml(value: string): ApprovalsReviewer {
  return value === "user" ? "user" : "auto_review";
}

/** Rust `Debug` rendering (`User`, `AutoReview`). */
export function debugApprovalsReviewer(reviewer: ApprovalsReviewer): string {
  return reviewer === "user" ? "User" : "AutoReview";
}
