import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { normalizationError, requirementsConstraintErrors } from "./requirements-constraint-errors.ts";

const FILE = "/etc/codex/requirements.toml";

function run(text: string, touched: (...subject: Array<string | number>) => boolean = () => false) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return requirementsConstraintErrors(FILE, parsed.document.value, touched).map((f) => [f.path!.join("."), f.message]);
}

describe("requirementsConstraintErrors", () => {
  it.each([
    ["nothing wrong", 'allowed_approval_policies = ["on-request"]\nallowed_sandbox_modes = ["read-only"]\n', []],
    [
      "every empty list, not only Codex's first",
      "allowed_approval_policies = []\nallowed_approvals_reviewers = []\n[windows]\nallowed_sandbox_implementations = []\n",
      [
        ["allowed_approval_policies", "field `allowed_approval_policies` cannot be empty"],
        ["allowed_approvals_reviewers", "field `allowed_approvals_reviewers` cannot be empty"],
        ["windows.allowed_sandbox_implementations", "field `windows.allowed_sandbox_implementations` cannot be empty"],
      ],
    ],
    [
      "read-only missing",
      'allowed_sandbox_modes = ["workspace-write", "danger-full-access"]\n',
      [
        [
          "allowed_sandbox_modes",
          `invalid value for \`allowed_sandbox_modes\`: \`[WorkspaceWrite, DangerFullAccess]\` is not in the allowed set must include 'read-only' to allow any PermissionProfile (set by ${FILE})`,
        ],
      ],
    ],
    [
      "auto_review slug, located",
      '[auto_review]\nrequired_on_models = ["ok", " padded"]\n',
      [
        [
          "auto_review.required_on_models.1",
          `invalid value for \`auto_review.required_on_models\`: \`" padded"\` is not in the allowed set non-empty model slugs without surrounding whitespace or provider namespaces (set by ${FILE})`,
        ],
      ],
    ],
    [
      "each bad MCP server, top-level and plugin",
      '[mcp_servers.a.identity]\nurl = { match = "regex", expression = "[" }\n[mcp_servers.b.identity]\ncommand = "ok"\n[plugins."p@m".mcp_servers.c.identity]\nurl = { match = "regex", expression = "(" }\n',
      [
        [
          "mcp_servers.a.identity.url",
          `invalid requirement for MCP server \`a\` (set by ${FILE}): invalid regex \`[\`: found unclosed character class`,
        ],
        [
          "plugins.p@m.mcp_servers.c.identity.url",
          `invalid requirement for MCP server \`p@m/c\` (set by ${FILE}): invalid regex \`(\`: found open group without closing ')'`,
        ],
      ],
    ],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it("skips parts whose keys were removed for a type error", () => {
    expect(run("allowed_approval_policies = []\n", (key) => key === "allowed_approval_policies")).toEqual([]);
  });

  it("normalizationError is null for a file Codex accepts", () => {
    expect(normalizationError(FILE, { allowed_sandbox_modes: ["read-only"] })).toBeNull();
    expect(normalizationError(FILE, {})).toBeNull();
  });
});
