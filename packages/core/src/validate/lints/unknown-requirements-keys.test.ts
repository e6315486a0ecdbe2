import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { unknownRequirementsKeys } from "./unknown-requirements-keys.ts";

describe("unknownRequirementsKeys", () => {
  it.each([
    // Probed: 0.169.0 loads every one of these files without a word; the keys have no effect.
    [
      "top-level typo",
      'allowd_sandbox_modes = ["read-only"]\n',
      ["1:1 allowd_sandbox_modes"],
      "Did you mean `allowed_sandbox_modes`?",
    ],
    [
      "config key in requirements",
      'approval_policy = "never"\n',
      ["1:1 approval_policy"],
      "`allowed_approval_policies`",
    ],
    ["other config key", 'model = "gpt-5"\n', ["1:1 model"], "/etc/codex/config.toml"],
    ["hook event typo", '[[hooks.PreToolUses]]\nmatcher = "x"\n', ["1:9 hooks.PreToolUses"], "`PreToolUse`"],
    [
      "hook handler key (tagged by type)",
      '[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "/x"\ntimout = 5\n',
      ["5:1 hooks.PreToolUse[0].hooks[0].timout"],
      "`timeout`",
    ],
    [
      "rule key",
      '[rules]\nprefix_rules = [{ pattern = [{ token = "git" }], decision = "prompt", justificaton = "x" }]\n',
      ["2:71 rules.prefix_rules[0].justificaton"],
      "`justification`",
    ],
    [
      "MCP entry key",
      '[mcp_servers.x]\nidentity = { command = "x" }\ndescription = "d"\n',
      ["3:1 mcp_servers.x.description"],
      "",
    ],
    [
      "MCP identity key (untagged)",
      '[mcp_servers.x]\nidentity = { command = "x", args = ["y"] }\n',
      ["2:29 mcp_servers.x.identity.args"],
      "",
    ],
    [
      "profile key",
      '[permissions.corp]\nextends = ":workspace"\ndescripton = "x"\n',
      ["3:1 permissions.corp.descripton"],
      "`description`",
    ],
    [
      "remote sandbox entry key",
      '[[remote_sandbox_config]]\nhostname_patterns = ["x"]\nallowed_sandbox_modes = ["read-only"]\nallowed_sandbox_mode = 1\n',
      ["4:1 remote_sandbox_config[0].allowed_sandbox_mode"],
      "`allowed_sandbox_modes`",
    ],
    [
      "granular approval key",
      "allowed_approval_policies = [{ granular = { sandbox_approval = true, rules = true, mcp_elicitations = true, skils = true } }]\n",
      ["1:109 allowed_approval_policies[0].granular.skils"],
      "",
    ],
    // Maps take any key; deny_unknown_fields tables are type errors instead.
    ["feature pins are a map", "[features]\nanything = true\n", [], ""],
    ["profile names are a map", '[permissions.anything]\nextends = ":workspace"\n', [], ""],
    ["network domains are a map", '[network_proxy.domains]\n"example.com" = "allow"\n', [], ""],
    ["otel denies unknown fields (an error)", "[otel]\nbogus = 1\n", [], ""],
    ["aliases are known", "[feature_requirements]\napps = true\n[experimental_network]\nenabled = true\n", [], ""],
    ["a clean file", 'allowed_sandbox_modes = ["read-only"]\n[mcp_servers.docs.identity]\ncommand = "docs"\n', [], ""],
  ])("%s", (_name, text, expected, fragment) => {
    const found = runLint(unknownRequirementsKeys, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d).toMatchObject({ code: "unknown-key", severity: "warning" });
      expect(d.message).toContain("silently ignores it");
      expect(d.message).toContain(fragment);
    }
  });
});
