import { describe, expect, it } from "vitest";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { fileIssueError } from "./config-load-error.ts";
import { checkConfigToml, formatValueIssue } from "./config-toml-schema.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];

// Observed from the binary, two probes per row: the TOML as `$CODEX_HOME/config.toml` then
// `codex debug prompt-input` (file form: `<file>:<line>:<col>: <message>`), and the same value as
// `-c` (value form: `<message>\nin `<path>``).
const observed: Array<{ toml: string; file: string; value: string }> = [
  {
    toml: "approval_policy = 1",
    file: "1:19: wanted string or table",
    value: "invalid type: unit variant, expected string only\nin `approval_policy`",
  },
  {
    toml: 'approval_policy = "bogus"',
    file: "1:19: unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`",
    value:
      "unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`\nin `approval_policy`",
  },
  {
    toml: 'sandbox_mode = "bogus"',
    file: "1:16: unknown variant `bogus`, expected one of `read-only`, `workspace-write`, `danger-full-access`",
    value:
      "unknown variant `bogus`, expected one of `read-only`, `workspace-write`, `danger-full-access`\nin `sandbox_mode`",
  },
  {
    toml: 'web_search = "bogus"',
    file: "1:14: unknown variant `bogus`, expected one of `disabled`, `cached`, `indexed`, `live`",
    value: "unknown variant `bogus`, expected one of `disabled`, `cached`, `indexed`, `live`\nin `web_search`",
  },
  {
    toml: "model = 1",
    file: "1:9: invalid type: integer `1`, expected a string",
    value: "invalid type: integer `1`, expected a string\nin `model`",
  },
  {
    toml: "features = 1",
    file: "1:12: invalid type: integer `1`, expected struct FeaturesToml",
    value: "invalid type: integer `1`, expected struct FeaturesToml\nin `features`",
  },
  {
    toml: '[features]\ngoals = "yes"',
    file: '2:9: invalid type: string "yes", expected a boolean',
    value: 'invalid type: string "yes", expected a boolean\nin `features`',
  },
  {
    toml: '[features]\nmulti_agent_v2 = "x"',
    file: "2:18: data did not match any variant of untagged enum FeatureToml",
    value: "data did not match any variant of untagged enum FeatureToml\nin `features.multi_agent_v2`",
  },
  {
    toml: "mcp_servers = 1",
    file: "1:15: invalid type: integer `1`, expected a map",
    value: "invalid type: integer `1`, expected a map\nin `mcp_servers`",
  },
  {
    toml: "[mcp_servers.x]\ncommand = 1",
    file: "2:11: invalid type: integer `1`, expected a string",
    value: "invalid type: integer `1`, expected a string\nin `mcp_servers.x.command`",
  },
  { toml: "[mcp_servers.x]\nfoo = 1", file: "1:1: invalid transport", value: "invalid transport\nin `mcp_servers.x`" },
  {
    toml: '[mcp_servers.x]\nurl = "http://x"\ncommand = "y"',
    file: "1:1: url is not supported for stdio",
    value: "url is not supported for stdio\nin `mcp_servers.x`",
  },
  {
    toml: "mcp_servers = {x = 1}",
    file: "1:20: invalid type: integer `1`, expected struct RawMcpServerConfig",
    value: "invalid type: integer `1`, expected struct RawMcpServerConfig\nin `mcp_servers.x`",
  },
  {
    toml: 'projects = {"/x" = 1}',
    file: "1:20: invalid type: integer `1`, expected struct ProjectConfig",
    value: "invalid type: integer `1`, expected struct ProjectConfig\nin `projects./x`",
  },
  {
    toml: '[projects."/x"]\ntrust_level = "bogus"',
    file: "2:15: unknown variant `bogus`, expected `trusted` or `untrusted`",
    value: "unknown variant `bogus`, expected `trusted` or `untrusted`\nin `projects./x.trust_level`",
  },
  {
    toml: "hooks = 1",
    file: "1:9: invalid type: integer `1`, expected struct HooksToml",
    value: "invalid type: integer `1`, expected struct HooksToml\nin `hooks`",
  },
  {
    toml: "default_permissions = 1",
    file: "1:23: invalid type: integer `1`, expected a string",
    value: "invalid type: integer `1`, expected a string\nin `default_permissions`",
  },
  {
    toml: "permissions = 1",
    file: "1:15: invalid type: integer `1`, expected struct PermissionsToml",
    value: "invalid type: integer `1`, expected struct PermissionsToml\nin `permissions`",
  },
  {
    toml: "profiles = 1",
    file: "1:12: invalid type: integer `1`, expected a map",
    value: "invalid type: integer `1`, expected a map\nin `profiles`",
  },
  {
    toml: 'project_root_markers = ".git"',
    file: '1:24: invalid type: string ".git", expected a sequence',
    value: 'invalid type: string ".git", expected a sequence\nin `project_root_markers`',
  },
  {
    toml: 'notify = "x"',
    file: '1:10: invalid type: string "x", expected a sequence',
    value: 'invalid type: string "x", expected a sequence\nin `notify`',
  },
  {
    toml: "approval_policy = {granular = 1}",
    file: "1:31: invalid type: integer `1`, expected struct GranularApprovalConfig",
    value: "invalid type: integer `1`, expected struct GranularApprovalConfig\nin `approval_policy`",
  },
  {
    toml: "approval_policy = {bogus = 1}",
    file: "1:19: unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`",
    value:
      "unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`\nin `approval_policy`",
  },
  {
    toml: '[sandbox_workspace_write]\nwritable_roots = "x"',
    file: '2:18: invalid type: string "x", expected a sequence',
    value: 'invalid type: string "x", expected a sequence\nin `sandbox_workspace_write.writable_roots`',
  },
  // Codex points at the first non-boolean `[features]` entry for a flat feature error, even an earlier table.
  {
    toml: '[features]\ngoals = true\ncode_mode = {enabled = true}\nnope = "x"',
    file: '3:13: invalid type: string "x", expected a boolean',
    value: 'invalid type: string "x", expected a boolean\nin `features`',
  },
];

describe("checkConfigToml", () => {
  it.each(observed)("$toml", ({ toml, file, value }) => {
    const parsed = parseToml(`${toml}\n`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const found = checkConfigToml(parsed.document.value, registry);
    // The CLI's first line; the value form follows as anyhow's `Caused by:` section.
    const message = found ? fileIssueError("f", parsed.document, found).message : "";
    expect(message.split("\n")[0]).toBe(`f:${file}`);
    expect(message).toContain(`Caused by:\n    ${value.split("\n")[0]}`);
    expect(found && formatValueIssue(found)).toBe(value);
  });

  it.each([
    'approval_policy = "on-failure"',
    "[features]\nbogus_feature = true",
    'model_reasoning_effort = "ultra"',
    "zz = 1",
  ])("accepts %j (observed: no error)", (toml) => {
    const parsed = parseToml(`${toml}\n`);
    expect(parsed.ok && checkConfigToml(parsed.document.value, registry)).toBeNull();
  });
});
