import { describe, expect, it } from "vitest";
import { resolveApprovalPolicy } from "./resolve-approval-policy.ts";

const source = "/etc/codex/requirements.toml";

describe("resolveApprovalPolicy (spec §4.2, §4.5)", () => {
  it("defaults by trust when nothing is configured or required", () => {
    expect(resolveApprovalPolicy({ configured: undefined, trust: null, constraint: null }).value).toBe("on-request");
    expect(resolveApprovalPolicy({ configured: undefined, trust: "trusted", constraint: null }).value).toBe(
      "on-request",
    );
    expect(resolveApprovalPolicy({ configured: undefined, trust: "untrusted", constraint: null }).value).toBe(
      "untrusted",
    );
  });

  it("keeps an allowed configured value", () => {
    const constraint = { allowed: ["on-request", "never"] as const, source };
    expect(resolveApprovalPolicy({ configured: "never", trust: null, constraint })).toEqual({
      value: "never",
      warning: null,
    });
  });

  // spec §6.4 case 56 (probed with codex exec, whose harness value is `never`).
  it("falls back to the first allowed value with Codex's warning", () => {
    const constraint = { allowed: ["untrusted", "on-request"] as const, source };
    expect(resolveApprovalPolicy({ configured: "never", trust: null, constraint })).toEqual({
      value: "untrusted",
      warning:
        "Configured value for `approval_policy` is disallowed by requirements; falling back to required value UnlessTrusted. Details: invalid value for `approval_policy`: `Never` is not in the allowed set [UnlessTrusted, OnRequest] (set by /etc/codex/requirements.toml)",
    });
  });

  it("falls back silently when only the default is disallowed", () => {
    const constraint = { allowed: ["never"] as const, source };
    expect(resolveApprovalPolicy({ configured: undefined, trust: "trusted", constraint })).toEqual({
      value: "never",
      warning: null,
    });
  });

  it("compares granular policies on all five flags", () => {
    const granular = {
      granular: {
        sandbox_approval: true,
        rules: true,
        skill_approval: false,
        request_permissions: false,
        mcp_elicitations: true,
      },
    };
    const other = { granular: { ...granular.granular, rules: false } };
    const constraint = { allowed: [granular], source };
    expect(resolveApprovalPolicy({ configured: granular, trust: null, constraint }).warning).toBeNull();
    expect(resolveApprovalPolicy({ configured: other, trust: null, constraint }).warning).toContain(
      "`Granular(GranularApprovalConfig { sandbox_approval: true, rules: false, skill_approval: false, request_permissions: false, mcp_elicitations: true })` is not in the allowed set",
    );
  });
});
