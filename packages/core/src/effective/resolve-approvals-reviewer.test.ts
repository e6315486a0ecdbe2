import { describe, expect, it } from "vitest";
import { resolveApprovalsReviewer } from "./resolve-approvals-reviewer.ts";

const source = "/etc/codex/requirements.toml";

describe("resolveApprovalsReviewer (spec §4.2, §6.2 case 29)", () => {
  it("defaults to user", () => {
    expect(resolveApprovalsReviewer(undefined, null)).toEqual({ value: "user", warning: null });
  });
  it("silently takes the first allowed reviewer when the default is not allowed", () => {
    expect(resolveApprovalsReviewer(undefined, { allowed: ["auto_review"], source })).toEqual({
      value: "auto_review",
      warning: null,
    });
  });
  it("warns when a configured reviewer is not allowed", () => {
    expect(resolveApprovalsReviewer("user", { allowed: ["auto_review"], source }).warning).toBe(
      "Configured value for `approvals_reviewer` is disallowed by requirements; falling back to required value AutoReview. Details: invalid value for `approvals_reviewer`: `User` is not in the allowed set [AutoReview] (set by /etc/codex/requirements.toml)",
    );
  });
});
