import { describe, expect, it } from "vitest";
import { diagnosticAt } from "../diagnostic-at.ts";
import { lintInputOf, where } from "./lint-fixture.ts";
import { managedConfigLoosensRequirements } from "./managed-config-loosens-requirements.ts";

function run(managed: string, requirements: string) {
  const managedInput = lintInputOf(managed, "/etc/codex/managed_config.toml");
  const found = managedConfigLoosensRequirements(managedInput, lintInputOf(requirements));
  return found.map((f) => diagnosticAt({ file: managedInput.file, document: managedInput.document }, f));
}

describe("managedConfigLoosensRequirements", () => {
  it.each([
    // Probed (requirements-spec §2.6): these managed values win over the system requirements.
    [
      "approval never over on-request",
      'approval_policy = "never"\n',
      'allowed_approval_policies = ["on-request"]\n',
      ["1:19 approval_policy"],
      '"never"',
    ],
    [
      "sandbox workspace-write over read-only",
      'sandbox_mode = "workspace-write"\n',
      'allowed_sandbox_modes = ["read-only"]\n',
      ["1:16 sandbox_mode"],
      '"workspace-write"',
    ],
    [
      "auto_review also allows user",
      'approvals_reviewer = "auto_review"\n',
      'allowed_approvals_reviewers = ["user"]\n',
      ["1:22 approvals_reviewer"],
      '"auto_review"',
    ],
    [
      "guardian_subagent is auto_review",
      'approvals_reviewer = "guardian_subagent"\n',
      'allowed_approvals_reviewers = ["auto_review", "user"]\n',
      [],
      "",
    ],
    [
      "a narrower managed value",
      'approval_policy = "on-request"\n',
      'allowed_approval_policies = ["on-request", "never"]\n',
      [],
      "",
    ],
    [
      "read-only is always allowed",
      'sandbox_mode = "read-only"\n',
      'allowed_sandbox_modes = ["read-only", "workspace-write"]\n',
      [],
      "",
    ],
    ["requirements without the list", 'approval_policy = "never"\n', 'allowed_sandbox_modes = ["read-only"]\n', [], ""],
    [
      "granular compared by value",
      "approval_policy = { granular = { rules = true, sandbox_approval = true, mcp_elicitations = false } }\n",
      "allowed_approval_policies = [{ granular = { sandbox_approval = true, rules = true, mcp_elicitations = false, skill_approval = false } }]\n",
      [],
      "",
    ],
    [
      "a managed type error (reported as an error)",
      'approval_policy = "bogus"\n',
      'allowed_approval_policies = ["on-request"]\n',
      [],
      "",
    ],
  ])("%s", (_name, managed, requirements, expected, fragment) => {
    const found = run(managed, requirements);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d).toMatchObject({ code: "managed-config-loosens-requirements", severity: "warning" });
      expect(d.message).toContain(`Codex allows ${fragment}`);
    }
  });
});
