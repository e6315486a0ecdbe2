import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { type McpTransport, mcpIdentityMatches, validateMcpRequirements } from "./mcp-identity.ts";
import { deserializeRequirements, type RequirementsToml } from "./requirements-schema.ts";

const SOURCE = "/etc/codex/requirements.toml";

function requirements(text: string): RequirementsToml {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = deserializeRequirements(parsed.document.value);
  if ("error" in result) throw new Error(result.error.message);
  return result.value;
}

function validateUrlRegex(expression: string): string | undefined {
  const escaped = expression.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  const parsed = requirements(`[mcp_servers.x.identity]\nurl = { match = "regex", expression = "${escaped}" }\n`);
  return validateMcpRequirements(parsed.mcp_servers, parsed.plugins, { mcpServers: SOURCE, plugins: SOURCE });
}

const invalid = (expression: string, reason: string) =>
  `invalid requirement for MCP server \`x\` (set by ${SOURCE}): invalid regex \`${expression}\`: ${reason}`;

// Observed with codex 0.169.0 (`codex app-server --print-startup-config`).
describe("MCP matcher regex validation (regex_lite, §1.4)", () => {
  it.each([
    ["[", invalid("[", "found unclosed character class")],
    ["a)|(b", invalid("a)|(b", "found closing ')' without matching '('")],
    ["\\p{L}+", invalid("\\p{L}+", "Unicode character classes are not supported")],
    [
      "(?x)a#",
      `invalid requirement for MCP server \`x\` (set by ${SOURCE}): regex \`(?x)a#\` cannot be used for full-value matching: found open group without closing ')'`,
    ],
    ["a{2,1}", invalid("a{2,1}", "found counted repetition with a min bigger than its max")],
    ["(?<n>a)(?<n>b)", invalid("(?<n>a)(?<n>b)", "duplicate capture group name")],
    ["[a-\\d]", invalid("[a-\\d]", "character class ranges must start and end with a single character")],
    ["x{", invalid("x{", "found unclosed counted repetition operator")],
    ["\\b{foo}", invalid("\\b{foo}", "special word boundary assertion is unrecognized")],
    ["(?i", invalid("(?i", "expected ':' or ')' to end inline flags, but got end of pattern")],
    ["[[:foo:]]", invalid("[[:foo:]]", "nested character classes are not supported")],
    ["(?=a)", invalid("(?=a)", "look-around is not supported")],
    ["\\1", invalid("\\1", "backreferences are not supported")],
    ["\\e", invalid("\\e", "unrecognized escape sequence")],
    ["*a", invalid("*a", "uncounted repetition operator must be applied to a sub-expression")],
    ["[]", invalid("[]", "character class begins with literal ']' but has no closing bracket")],
    ["(?)", invalid("(?)", "empty flag directive '(?)' is not allowed")],
    ["(?z)", invalid("(?z)", "unrecognized inline flag")],
    ["\\x{110000}", invalid("\\x{110000}", "got invalid hexadecimal number in braces")],
    ["\\xZZ", invalid("\\xZZ", "expected fixed length hexadecimal number, but got non-hex digit")],
    ["a{,5}", invalid("a{,5}", "expected decimal number, but found no digits")],
    ["\\", invalid("\\", "saw start of escape sequence, but saw end of pattern before it finished")],
    ["[a--b]", invalid("[a--b]", "character class difference is not supported")],
    ["[a&&b]", invalid("[a&&b]", "character class intersection is not supported")],
    ["[z-a]", invalid("[z-a]", "invalid range in character class")],
    ["(?P<>a)", invalid("(?P<>a)", "empty capture group names are not allowed")],
    ["(?P<1a>a)", invalid("(?P<1a>a)", "invalid group name")],
    ["a{1000000000000}", invalid("a{1000000000000}", "got invalid decimal number")],
    [
      `${"(".repeat(51)}a${")".repeat(51)}`,
      invalid(`${"(".repeat(51)}a${")".repeat(51)}`, "pattern has too much nesting"),
    ],
  ])("%s", (expression, observed) => {
    expect(validateUrlRegex(expression)).toBe(observed);
  });

  it.each(["[[:alpha:]]", "a**", "\\\\", "\\<a\\>", "(?R)a$", "\\b{start}", `${"(".repeat(49)}a${")".repeat(49)}`])(
    "accepts %s",
    (expression) => {
      expect(validateUrlRegex(expression)).toBeUndefined();
    },
  );

  it("reports a nesting depth of 50 only for the full-value form (observed)", () => {
    const fifty = `${"(".repeat(50)}a${")".repeat(50)}`;
    expect(validateUrlRegex(fifty)).toBe(
      `invalid requirement for MCP server \`x\` (set by ${SOURCE}): regex \`${fifty}\` cannot be used for full-value matching: pattern has too much nesting`,
    );
  });

  it("names plugin servers `{plugin}/{server}` and prefixes argument matchers", () => {
    const parsed = requirements(
      '[plugins."sample@test".mcp_servers.broken_rule.identity]\nurl = { match = "regex", expression = "[" }\n' +
        '[mcp_servers.x.identity]\ncommand = { executable = "exe", args = [{ match = "exact", value = "a" }, { match = "regex", expression = "(" }] }\n',
    );
    expect(validateMcpRequirements(parsed.mcp_servers, undefined, { mcpServers: SOURCE, plugins: SOURCE })).toBe(
      `invalid requirement for MCP server \`x\` (set by ${SOURCE}): invalid argument matcher at index 1: invalid regex \`(\`: found open group without closing ')'`,
    );
    expect(validateMcpRequirements(undefined, parsed.plugins, { mcpServers: SOURCE, plugins: SOURCE })).toBe(
      `invalid requirement for MCP server \`sample@test/broken_rule\` (set by ${SOURCE}): invalid regex \`[\`: found unclosed character class`,
    );
  });
});

// Observed with `codex mcp list --json` (config.toml servers vs requirements.toml identities).
describe("MCP identity matching (§4.10)", () => {
  const parsed = requirements(`
[mcp_servers.exact_cmd.identity]
command = "docs"
[mcp_servers.exact_url.identity]
url = "https://host/mcp"
[mcp_servers.m_args.identity]
command = { executable = "exe", args = [{ match = "exact", value = "mcp" }, { match = "prefix", value = "--x" }, { match = "regex", expression = "https://[a-z]+\\\\.example\\\\.com/.*" }] }
[mcp_servers.m_args_len.identity]
command = { executable = "exe", args = [] }
[mcp_servers.m_url_prefix.identity]
url = { match = "prefix", value = "https://corp." }
[mcp_servers.m_url_regex.identity]
url = { match = "regex", expression = "https://corp\\\\.example\\\\.com/mcp" }
[mcp_servers.m_url_regex_ci.identity]
url = { match = "regex", expression = "(?i)https://corp\\\\.example\\\\.com/mcp" }
[mcp_servers.m_word.identity]
url = { match = "regex", expression = "ab\\\\b cd" }
[mcp_servers.both.identity]
command = "nope"
url = "https://both"
[mcp_servers.cmd_vs_url.identity]
command = { executable = "exe", args = [] }
url = "https://x"
`);
  const stdio = (command: string, ...args: string[]): McpTransport => ({ kind: "stdio", command, args });
  const http = (url: string): McpTransport => ({ kind: "streamable_http", url });
  it.each<[string, McpTransport, boolean]>([
    ["exact_cmd", stdio("docs", "--x"), true],
    ["exact_url", http("https://host/mcp"), true],
    ["exact_url", http("https://host/mcp/"), false],
    ["m_args", stdio("exe", "mcp", "--xyz", "https://a.example.com/p"), true],
    ["m_args_len", stdio("exe", "mcp"), false],
    ["m_url_prefix", http("https://corp.example.com/mcp"), true],
    ["m_url_regex", http("https://CORP.example.com/mcp"), false],
    ["m_url_regex_ci", http("https://CORP.example.com/mcp"), true],
    ["m_word", http("ab cd"), true],
    ["both", http("https://both"), false],
    ["cmd_vs_url", http("https://x"), true],
  ])("%s vs %j ⇒ %s", (name, transport, allowed) => {
    const identity = parsed.mcp_servers?.[name]?.identity;
    if (!identity) throw new Error(`missing ${name}`);
    expect(mcpIdentityMatches(identity, transport)).toBe(allowed);
  });
});
