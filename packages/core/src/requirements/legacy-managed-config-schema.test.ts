import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import {
  deserializeLegacyManagedConfig,
  formatLegacyManagedConfigError,
  legacyManagedConfigToRequirements,
  legacyRequirementsToToml,
} from "./legacy-managed-config-schema.ts";

function parse(text: string): TomlTable {
  const result = parseToml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document.value;
}

function outcome(text: string): string | ReturnType<typeof legacyManagedConfigToRequirements> {
  const result = deserializeLegacyManagedConfig(parse(text));
  return "error" in result
    ? formatLegacyManagedConfigError(result.error)
    : legacyManagedConfigToRequirements(result.value);
}

// Observed with codex 0.169.0: /etc/codex/managed_config.toml = TOML, `codex app-server --print-startup-config`.
describe("legacy managed_config.toml as requirements (§2.6)", () => {
  it.each([
    [
      'approval_policy = "bogus"',
      "Failed to parse config requirements as TOML: unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`\nin `approval_policy`\n",
    ],
    [
      "approval_policy = 1",
      "Failed to parse config requirements as TOML: invalid type: unit variant, expected string only\nin `approval_policy`\n",
    ],
    [
      'approvals_reviewer = "bogus"',
      "Failed to parse config requirements as TOML: unknown variant `bogus`, expected one of `user`, `auto_review`, `guardian_subagent`\nin `approvals_reviewer`\n",
    ],
    [
      'sandbox_mode = "external-sandbox"',
      "Failed to parse config requirements as TOML: unknown variant `external-sandbox`, expected one of `read-only`, `workspace-write`, `danger-full-access`\nin `sandbox_mode`\n",
    ],
    [
      "sandbox_mode = 1.5",
      "Failed to parse config requirements as TOML: invalid type: unit variant, expected string only\nin `sandbox_mode`\n",
    ],
  ])("%s", (toml, observed) => {
    expect(outcome(toml)).toBe(observed);
  });

  it("maps the three keys like the startup config reports them", () => {
    // Observed: allowedApprovalPolicies ["never"], allowedApprovalsReviewers ["auto_review","user"],
    // allowedSandboxModes ["read-only","workspace-write"].
    expect(
      outcome(
        'approval_policy = "never"\nsandbox_mode = "workspace-write"\napprovals_reviewer = "auto_review"\nmodel = "x"',
      ),
    ).toEqual({
      allowed_approval_policies: ["never"],
      allowed_approvals_reviewers: ["auto_review", "user"],
      allowed_sandbox_modes: ["read-only", "workspace-write"],
    });
    expect(outcome('sandbox_mode = "read-only"\napprovals_reviewer = "user"')).toEqual({
      allowed_approvals_reviewers: ["user"],
      allowed_sandbox_modes: ["read-only"],
    });
  });

  it("keeps the granular payload, with defaults filled in, for composition", () => {
    const result = outcome(
      "approval_policy = { granular = { sandbox_approval = true, rules = true, mcp_elicitations = true } }",
    );
    expect(typeof result === "string" ? result : legacyRequirementsToToml(result)).toEqual({
      allowed_approval_policies: [
        {
          granular: {
            sandbox_approval: true,
            rules: true,
            skill_approval: false,
            request_permissions: false,
            mcp_elicitations: true,
          },
        },
      ],
    });
  });
});
