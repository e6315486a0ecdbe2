import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatSerdeError } from "../serde/index.ts";
import { parseToml } from "../toml/parse-toml.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import {
  deserializeRequirements,
  deserializeRequirementsLayer,
  REQUIREMENTS_TOP_LEVEL_KEYS,
  type RequirementsToml,
} from "./requirements-schema.ts";

function parse(text: string): TomlTable {
  const result = parseToml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document.value;
}

/** What Codex prints after `failed to parse requirements layer …: ` (null = loads). */
function outcome(text: string): string | null {
  const table = parse(text);
  const layer = deserializeRequirementsLayer(table);
  if ("error" in layer) return formatSerdeError(layer.error);
  const merged = deserializeRequirements(table);
  return "error" in merged ? `failed to parse merged requirements: ${formatSerdeError(merged.error)}` : null;
}

function value(text: string): RequirementsToml {
  const result = deserializeRequirements(parse(text));
  if ("error" in result) throw new Error(formatSerdeError(result.error));
  return result.value;
}

// Observed with codex 0.169.0: /etc/codex/requirements.toml = TOML, then
// `codex app-server --print-startup-config` (detail after the layer prefix).
const PROBED: Array<[string, string]> = [
  [
    'allowed_approval_policies = "never"',
    'invalid type: string "never", expected a sequence\nin `allowed_approval_policies`\n',
  ],
  ["allowed_approval_policies = 1", "invalid type: integer `1`, expected a sequence\nin `allowed_approval_policies`\n"],
  [
    "allowed_approval_policies = 1.5",
    "invalid type: floating point `1.5`, expected a sequence\nin `allowed_approval_policies`\n",
  ],
  [
    "allowed_approval_policies = true",
    "invalid type: boolean `true`, expected a sequence\nin `allowed_approval_policies`\n",
  ],
  [
    "allowed_approval_policies = 1979-05-27T07:32:00Z",
    'invalid type: string "1979-05-27T07:32:00Z", expected a sequence\nin `allowed_approval_policies`\n',
  ],
  ["[allowed_approval_policies]\na = 1", "invalid type: map, expected a sequence\nin `allowed_approval_policies`\n"],
  [
    "allowed_approval_policies = [1]",
    "invalid type: unit variant, expected string only\nin `allowed_approval_policies`\n",
  ],
  [
    'allowed_approval_policies = ["bogus"]',
    "unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`\nin `allowed_approval_policies`\n",
  ],
  [
    'allowed_approval_policies = ["granular"]',
    "invalid type: unit variant, expected newtype variant\nin `allowed_approval_policies`\n",
  ],
  ["allowed_approval_policies = [{}]", "wanted exactly 1 element, found 0 elements\nin `allowed_approval_policies`\n"],
  ["allowed_approval_policies = [{never = 1}]", "expected table, found integer\nin `allowed_approval_policies`\n"],
  [
    "allowed_approval_policies = [{granular = {sandbox_approval=true}}]",
    "missing field `rules`\nin `allowed_approval_policies`\n",
  ],
  [
    'allowed_approval_policies = [{granular = {sandbox_approval="x", rules=true, mcp_elicitations=true}}]',
    'invalid type: string "x", expected a boolean\nin `allowed_approval_policies.sandbox_approval`\n',
  ],
  ['enforce_residency = "eu"', "unknown variant `eu`, expected `us`\nin `enforce_residency`\n"],
  [
    'enforce_residency = "eu"\nallowed_approval_policies = 1',
    "unknown variant `eu`, expected `us`\nin `enforce_residency`\n",
  ],
  [
    'allowed_approval_policies = 1\nenforce_residency = "eu"',
    "invalid type: integer `1`, expected a sequence\nin `allowed_approval_policies`\n",
  ],
  ["[features]\na = true\n[feature_requirements]\nb = true", "duplicate field `features`\n"],
  ['[feature_requirements]\napps = "no"', 'invalid type: string "no", expected a boolean\nin `feature_requirements`\n'],
  ["[network_proxy]\nenabled = true\n[experimental_network]\nenabled = true", "duplicate field `network_proxy`\n"],
  [
    '[network_proxy]\nallowed_domains = ["a"]\n[network_proxy.domains]\n"b" = "allow"',
    "`domains` cannot be combined with legacy `allowed_domains` or `denied_domains` in managed network requirements\nin `network_proxy`\n",
  ],
  [
    "[permissions.network]\nhttp_port = 70000",
    "invalid value: integer `70000`, expected u16\nin `http_port`\n\nin `permissions.network`\n",
  ],
  [
    '[permissions.filesystem]\nextends = ":workspace"',
    "`permissions.filesystem` is reserved for requirements-level filesystem constraints and cannot define a profile\nin `permissions.filesystem`\n",
  ],
  [
    'allowed_permission_profiles = [":workspace"]',
    "invalid type: sequence, expected a map\nin `allowed_permission_profiles`\n",
  ],
  [
    '[allowed_permission_profiles]\n":workspace" = "yes"',
    'invalid type: string "yes", expected a boolean\nin `allowed_permission_profiles.:workspace`\n',
  ],
  [
    "[otel]\nbogus = 1",
    "unknown field `bogus`, expected one of `tool_result`, `log_sse_deltas`, `log_user_prompt`, `log_agent_responses`, `log_guardian_assessments`, `environment`, `exporter`, `trace_exporter`, `metrics_exporter`, `span_attributes`, `tracestate`\nin `otel`\n",
  ],
  [
    "[config_server]\nzzz_unknown = 1",
    "unknown field `zzz_unknown`, expected `base_url` or `oauth`\nin `config_server`\n",
  ],
  ["[config_server]", "missing field `base_url`\nin `config_server`\n"],
  [
    '[apps.x.tools.y]\napproval_mode = "bad"',
    "unknown variant `bad`, expected one of `auto`, `prompt`, `writes`, `approve`\nin `apps`\n",
  ],
  ["[apps.x.tools.y]\napproval_mode = 1", "invalid type: integer `1`, expected string or map\nin `apps`\n"],
  [
    "[mcp_servers.x.identity]\ncommand = 1",
    "data did not match any variant of untagged enum RawMcpServerIdentity\nin `mcp_servers.x.identity`\n",
  ],
  ['[mcp_servers.x]\ndescription = "d"', "missing field `identity`\nin `mcp_servers.x`\n"],
  [
    "mcp_servers = { x = [] }",
    "invalid length 0, expected struct RawMcpServerRequirement with 1 element\nin `mcp_servers.x`\n",
  ],
  ["[rules]", "missing field `prefix_rules`\nin `rules`\n"],
  [
    '[rules]\nprefix_rules = [{ pattern = [{ token = "git" }], decision = "deny" }]',
    "unknown variant `deny`, expected one of `allow`, `prompt`, `prompt-user`, `forbidden`\nin `rules.prefix_rules.decision`\n",
  ],
  ['[[hooks.PreToolUse]]\nhooks = [{ command = "x" }]', "missing field `type`\nin `hooks`\n"],
  [
    '[[hooks.PreToolUse]]\nhooks = [{ type = 1, command = "x" }]',
    "invalid type: integer `1`, expected variant identifier\nin `hooks`\n",
  ],
  [
    '[[hooks.PreToolUse]]\nhooks = [{ type = "command", command = "x", timeout = -1 }]',
    "invalid value: integer `-1`, expected u64\nin `hooks`\n",
  ],
  ["hooks = [1]", "invalid type: sequence, expected struct ManagedHooksRequirementsToml\nin `hooks`\n"],
  [
    "[otel]\nexporter = { otlp-grpc = [] }",
    "invalid length 0, expected struct variant OtelExporterKind::OtlpGrpc with 3 elements\nin `otel.exporter`\n",
  ],
  ['[otel]\nexporter = "otlp-grpc"', "invalid type: unit variant, expected struct variant\nin `otel.exporter`\n"],
  [
    "network_proxy = [true]",
    "invalid length 1, expected struct RawNetworkRequirementsToml with 15 elements\nin `network_proxy`\n",
  ],
  ["[otel]\ntool_result = [1, 1.5]", "invalid length 2, expected fewer elements in array\nin `otel.tool_result`\n"],
  [
    "[windows]\nsandbox_private_desktop = 1.5\nrequire_mxc = 1.5",
    "invalid type: floating point `1.5`, expected a boolean\nin `windows.require_mxc`\n",
  ],
  [
    "[model_providers.x]\nname = 1.5",
    "failed to parse merged requirements: invalid type: floating point `1.5`, expected a string\nin `model_providers.x.name`\n",
  ],
];

describe("requirements.toml schema (0.169.0 error texts)", () => {
  it.each(PROBED)("%s", (toml, observed) => {
    expect(outcome(toml)).toBe(observed);
  });

  it.each([
    "bogus_key = 1",
    'allowed_approval_policies = ["on-failure"]',
    "[[hooks.Bogus]]\nx = 1",
    "[windows]\nsandbox_private_desktop = 1.5",
    "[permissions.network]\nenabled = true",
    '[rules]\nprefix_rules = [{ pattern = [{ token = "git" }], decision = "prompt-user", canonical_matching = true }]',
  ])("loads: %s", (toml) => {
    expect(outcome(toml)).toBeNull();
  });

  const fixture = JSON.parse(readFileSync(new URL("./requirements-probes.json", import.meta.url), "utf8")) as {
    cases: Array<{ name: string; toml: string; observed: string | null }>;
  };
  it.each(fixture.cases.map((probe) => [probe.name, probe] as const))("probe fixture %s", (_name, probe) => {
    expect(outcome(probe.toml)).toBe(probe.observed);
  });
});

describe("requirements.toml values", () => {
  it("resolves aliases to their canonical keys", () => {
    const parsed = value('[feature_requirements]\napps = false\n[experimental_network]\nallowed_domains = ["a"]');
    expect(parsed.features).toEqual({ apps: false });
    expect(parsed.network_proxy?.domains).toEqual({ a: "allow" });
    expect(value('allowed_approvals_reviewers = ["guardian_subagent"]').allowed_approvals_reviewers).toEqual([
      "auto_review",
    ]);
  });

  it("folds legacy network lists into canonical maps (deny overwrites allow)", () => {
    const parsed = value(
      '[network_proxy]\nallowed_domains = ["a", "b"]\ndenied_domains = ["b"]\nallow_unix_sockets = ["/s"]\nreview_domains = []',
    );
    expect(parsed.network_proxy).toEqual({
      domains: { a: "allow", b: "deny" },
      unix_sockets: { "/s": "allow" },
      review_domains: [],
    });
    expect(value("[network_proxy]\nallowed_domains = []").network_proxy).toEqual({});
  });

  it("keeps managed profiles apart from the reserved tables", () => {
    const parsed = value('[permissions.filesystem]\ndeny_read = ["/x"]\n[permissions.corp]\nextends = ":workspace"');
    expect(parsed.permissions).toEqual({
      filesystem: { deny_read: ["/x"] },
      profiles: { corp: { extends: ":workspace" } },
    });
  });

  it("lists the 46 fields plus the two aliases as known top-level keys", () => {
    expect(REQUIREMENTS_TOP_LEVEL_KEYS).toHaveLength(48);
    expect(REQUIREMENTS_TOP_LEVEL_KEYS).toContain("feature_requirements");
    expect(REQUIREMENTS_TOP_LEVEL_KEYS).toContain("experimental_network");
  });

  it("validates a layer without `model_providers`, which only the merged table checks", () => {
    const table = parse("[model_providers.x]\nname = 1.5");
    expect("value" in deserializeRequirementsLayer(table)).toBe(true);
    expect("error" in deserializeRequirements(table)).toBe(true);
  });
});
