import { describe, expect, it } from "vitest";
import { validatePolicyFile } from "./validate-policy-file.ts";

function summary(file: string, text: string, rustSyntaxError?: string | null) {
  const result = validatePolicyFile({ file, text, ...(rustSyntaxError !== undefined ? { rustSyntaxError } : {}) });
  return { kind: result.kind, found: result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`) };
}

describe("validatePolicyFile", () => {
  it.each([
    ["an empty requirements file", "requirements.toml", "", "requirements", []],
    [
      "type errors first, then the normalization errors of the rest",
      "requirements.toml",
      'enforce_residency = "eu"\nallowed_approval_policies = []\n[mcp_servers.a.identity]\nurl = { match = "regex", expression = "[" }\n',
      "requirements",
      ["1:21 error requirements-type", "2:29 error requirements-constraint", "4:7 error requirements-constraint"],
    ],
    [
      "a part with a type error is not checked again",
      "requirements.toml",
      '[rules]\nprefix_rules = [{ pattern = [{ token = "git" }], decision = "deny" }]\n',
      "requirements",
      ["2:61 error requirements-type"],
    ],
    [
      "errors and lints together, in file order",
      "requirements.toml",
      'allowed_sandbox_modes = ["workspace-write"]\nallowd_web_search_modes = []\n[mcp_servers]\n',
      "requirements",
      ["1:25 error requirements-constraint", "2:1 warning unknown-key", "3:1 warning empty-mcp-allow-list"],
    ],
    [
      "a key that is an error is not also reported as unknown",
      "requirements.toml",
      '[permissions.network]\nextends = ":workspace"\n',
      "requirements",
      ["2:11 error requirements-type"],
    ],
    ["kind from content", "policy.toml", 'allowed_sandbox_modes = ["read-only"]\n', "requirements", []],
    [
      "config kind",
      "/etc/codex/config.toml",
      "model = 1\nmodle = 2\n",
      "config",
      ["1:9 error config-type", "2:1 warning unknown-key"],
    ],
    [
      "managed config kind",
      "managed_config.toml",
      'approval_policy = "bogus"\n',
      "managed-config",
      ["1:19 error managed-config-type"],
    ],
    [
      "TOML 1.1 lint on any kind",
      "config.toml",
      'model = "x"\na = {b = 1,}\n',
      "config",
      ["2:1 warning unknown-key", "2:12 warning toml-1.1-syntax"],
    ],
  ])("%s", (_name, file, text, kind, expected) => {
    expect(summary(file, text)).toEqual({ kind, found: expected });
  });

  it.each([
    // Without the Rust parser, the JS parser's error is mapped onto Codex's wording.
    ["mapped JS error", "a = 1\na = 2\n", undefined, "2:1", "duplicate key"],
    [
      "Codex's own text when the caller has it",
      "a = 1\na = 2\n",
      "TOML parse error at line 2, column 1\n  |\n2 | a = 2\n  | ^\nduplicate key\n",
      "2:1",
      "duplicate key",
    ],
    [
      "the Rust verdict wins where the parsers disagree",
      "a = 1\n",
      "TOML parse error at line 1, column 5\n  |\n1 | a = 1\n  |     ^\nsomething Rust rejects\n",
      "1:5",
      "something Rust rejects",
    ],
    ["unterminated string", 'foo = "unterminated\n', null, "1:20", 'invalid basic string, expected `"`'],
  ])("syntax: %s", (_name, text, rust, position, message) => {
    const result = validatePolicyFile({
      file: "config.toml",
      text,
      ...(rust !== undefined ? { rustSyntaxError: rust } : {}),
    });
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect([`${d!.line}:${d!.column}`, d!.code, d!.severity, d!.message]).toEqual([
      position,
      "toml-syntax",
      "error",
      message,
    ]);
  });

  it.each([
    ["binary-looking text", "\u0001\u0002\u0003 = \u00ff\n"],
    ["deeply nested arrays", `a = ${"[".repeat(2000)}${"]".repeat(2000)}\n`],
    [
      "a huge array with a bad element at the end",
      `allowed_approval_policies = [${'"never", '.repeat(20000)}"bogus"]\n`,
    ],
    [
      "a requirements key of every wrong type",
      "allowed_sandbox_modes = 1\nmcp_servers = 1\nrules = 1\nhooks = 1\npermissions = 1\nfeatures = 1\n",
    ],
  ])("never throws on %s", (_name, text) => {
    expect(() => validatePolicyFile({ file: "requirements.toml", text })).not.toThrow();
  });

  it("locates an error at the end of a huge array", () => {
    const text = `allowed_approval_policies = [${'"never", '.repeat(20000)}"bogus"]\n`;
    const [d] = validatePolicyFile({ file: "requirements.toml", text }).diagnostics;
    expect(d).toMatchObject({ code: "requirements-type", keyPath: "allowed_approval_policies[20000]" });
  });
});
