import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../diagnostics/diagnostic.ts";
import { compileHookPolicy } from "./compile-hook-policy.ts";

const NOW = new Date("2026-11-22T00:00:00Z");
const HEADER = 'version = 1\ndefault = "allow"\n';
const RULE = '[[rules]]\nid = "r"\ndecision = "deny"\nreason = "because"\n';

function diagnosticsOf(text: string): string[] {
  return compileHookPolicy(text, { file: "p.toml", now: NOW }).diagnostics.map(
    (d) => `${d.severity} ${d.code} ${d.line}:${d.column} ${d.keyPath ?? "-"}: ${d.message}`,
  );
}

// Each case: the policy text and the one diagnostic it must produce (a substring of the rendering).
const CASES: Array<[string, string, string]> = [
  ["TOML syntax", "version = \n", "error toml-syntax 2:1 -: Unspecified values are invalid"],
  [
    "unknown top-level key",
    `${HEADER}defualt_tier = "x"\n`,
    "error unknown-key 3:1 defualt_tier: unknown key `defualt_tier`; did you mean `default_tier`?",
  ],
  [
    "unknown rule key",
    `${HEADER}${RULE}comand = ["git"]\n`,
    "error unknown-key 7:1 rules[0].comand: unknown key `comand`; did you mean `command`?",
  ],
  [
    "unknown tier key",
    `${HEADER}[tiers.a]\npath = ["/x"]\n`,
    "error unknown-key 4:1 tiers.a.path: unknown key `path`; did you mean `paths`?",
  ],
  [
    "unknown event_defaults key",
    `${HEADER}[event_defaults]\nPreToolUs = "deny"\n`,
    "unknown key `PreToolUs`; did you mean `PreToolUse`?",
  ],
  [
    "wrong type",
    `${HEADER}fail_closed = "yes"\n`,
    'error hook-policy-type 3:15 fail_closed: invalid type: string "yes", expected a boolean',
  ],
  [
    "wrong element type",
    `${HEADER}${RULE}paths = ["a", 1]\n`,
    "error hook-policy-type 7:15 rules[0].paths[1]: invalid type: integer `1`, expected a string",
  ],
  [
    "missing key",
    `${HEADER}[[rules]]\nid = "r"\ndecision = "deny"\n`,
    "error hook-policy-type 3:1 rules[0]: missing key `reason`",
  ],
  ["missing version", 'default = "allow"\n', "error hook-policy-type 1:1 -: missing key `version`"],
  ["two missing keys", `${HEADER}[[rules]]\nid = "r"\n`, "error hook-policy-type 3:1 rules[0]: missing key `reason`"],
  [
    "unknown decision",
    `${HEADER}[[rules]]\nid = "r"\ndecision = "block"\nreason = "x"\n`,
    "rules[0].decision: unknown value `block`; expected one of `allow`, `log`, `deny`",
  ],
  [
    "event typo",
    `${HEADER}${RULE}events = ["PreToolUse", "Stopp"]\n`,
    "error hook-policy-type 7:25 rules[0].events[1]: unknown value `Stopp`; did you mean `Stop`?",
  ],
  [
    "unhandled Codex event",
    `${HEADER}${RULE}events = ["PreCompact"]\n`,
    "`PreCompact` is a Codex hook event the Warden hook does not handle",
  ],
  [
    "bad command element",
    `${HEADER}${RULE}command = ["git", 3]\n`,
    "rules[0].command[1]: expected a token (a string) or a list of alternative tokens",
  ],
  [
    "unsupported version",
    'version = 2\ndefault = "allow"\n',
    "error hook-policy-version 1:11 version: unsupported version 2; this Warden reads version 1",
  ],
  [
    "local expires_at",
    `${HEADER}expires_at = 2027-01-01T00:00:00\n`,
    "expires_at: expected a date-time with a UTC offset",
  ],
  [
    "expired",
    `${HEADER}expires_at = 2026-01-01T00:00:00Z\n`,
    "error hook-policy-expired 3:14 expires_at: the policy expired at 2026-01-01T00:00:00.000Z",
  ],
  [
    "bad rule id",
    `${HEADER}[[rules]]\nid = "no force"\ndecision = "deny"\nreason = "x"\n`,
    "error hook-policy-id 4:6 rules[0].id: a rule id is letters",
  ],
  [
    "blank reason",
    `${HEADER}[[rules]]\nid = "r"\ndecision = "deny"\nreason = "  "\n`,
    "error hook-policy-reason 6:10 rules[0].reason: the reason is shown",
  ],
  [
    "Rust regex error in tools",
    `${HEADER}${RULE}tools = "(?=x)"\n`,
    "error hook-policy-regex 7:9 rules[0].tools: invalid matcher regex (Codex would skip a hook with it): look-around",
  ],
  [
    "untranslatable tools",
    `${HEADER}${RULE}tools = "(?i:bash)"\n`,
    "rules[0].tools: matcher cannot be evaluated by the hook: flags inside the pattern",
  ],
  [
    "JS regex error",
    `${HEADER}${RULE}command_regex = "git ("\n`,
    "error hook-policy-regex 7:17 rules[0].command_regex: invalid regular expression: Unterminated group",
  ],
  [
    "unsupported flag",
    `${HEADER}${RULE}command_regex = "(?x)a"\n`,
    "rules[0].command_regex: unsupported inline flag `x`",
  ],
  ["empty regex", `${HEADER}${RULE}command_regex = ""\n`, "rules[0].command_regex: empty pattern"],
  [
    "backtracking regex",
    `${HEADER}${RULE}command_regex = "(a+)+$"\n`,
    "warning hook-policy-regex-backtracking 7:17 rules[0].command_regex:",
  ],
  [
    "unclosed class",
    `${HEADER}${RULE}paths = ["src/[abc"]\n`,
    "error hook-policy-glob 7:10 rules[0].paths[0]: invalid glob: unclosed `[`",
  ],
  ["unclosed brace", `${HEADER}${RULE}paths = ["src/{a,b"]\n`, "rules[0].paths[0]: invalid glob: unclosed `{`"],
  ["** inside a name", `${HEADER}${RULE}paths = ["/x/a**"]\n`, "invalid glob: `**` must be a whole path segment"],
  ["dot segments", `${HEADER}${RULE}paths = ["../x"]\n`, "invalid glob: `.` and `..` segments are not supported"],
  [
    "relative tier path",
    `${HEADER}[tiers.a]\npaths = ["infra/*"]\n`,
    "error hook-policy-glob 4:10 tiers.a.paths[0]: invalid glob: a tier path must be absolute",
  ],
  [
    "URL as domain",
    `${HEADER}${RULE}domains = ["ok.com", "https://x.com/"]\n`,
    "error hook-policy-domain 7:22 rules[0].domains[1]: a domain pattern is a host name",
  ],
  [
    "domain with port",
    `${HEADER}${RULE}domains = ["x.com:443"]\n`,
    "rules[0].domains[0]: ports are not part of a domain pattern",
  ],
  [
    "empty remote",
    `${HEADER}[tiers.a]\nremotes = [""]\n`,
    "error hook-policy-remote 4:12 tiers.a.remotes[0]: empty remote pattern",
  ],
  [
    "tier without patterns",
    `${HEADER}[tiers.a]\n`,
    "error hook-policy-never-matches 3:1 tiers.a: tier `a` has neither `paths` nor `remotes`",
  ],
  [
    "empty prefix",
    `${HEADER}${RULE}command = []\n`,
    "error hook-policy-pattern 7:11 rules[0].command: a command prefix cannot be empty",
  ],
  ["empty token", `${HEADER}${RULE}command = ["git", ""]\n`, "rules[0].command[1]: a command token cannot be empty"],
  [
    "empty alternatives",
    `${HEADER}${RULE}command = ["git", []]\n`,
    "rules[0].command[1]: a list of alternatives cannot be empty",
  ],
  [
    "token with a space",
    `${HEADER}${RULE}command = ["git", "push --force"]\n`,
    'warning hook-policy-token-space 7:19 rules[0].command[1]: `push --force` contains whitespace, so it only matches one quoted argument; write separate tokens ("push", "--force")',
  ],
  [
    "empty list",
    `${HEADER}${RULE}events = []\n`,
    "error hook-policy-pattern 7:10 rules[0].events: `events = []` matches nothing",
  ],
  ["empty name pattern", `${HEADER}${RULE}users = ["alice", ""]\n`, "rules[0].users[1]: empty pattern"],
  [
    "path_access without paths",
    `${HEADER}${RULE}path_access = "read"\n`,
    "rules[0].path_access: `path_access` applies to `paths`",
  ],
  [
    "unknown tier",
    `${HEADER}[tiers.sensitive]\npaths = ["/srv/**"]\n${RULE}tiers = ["sensitiv"]\n`,
    "error hook-policy-unknown-tier 9:10 rules[0].tiers[0]: unknown tier `sensitiv`; did you mean `sensitive`?",
  ],
  [
    "unknown tier, none defined",
    `${HEADER}${RULE}tiers = ["prod"]\n`,
    "unknown tier `prod`; define it under [tiers] or name it in `default_tier`",
  ],
  [
    "duplicate id",
    `${HEADER}${RULE}${RULE}`,
    "error hook-policy-duplicate-id 8:6 rules[1].id: duplicate rule id `r` (first used on line 4)",
  ],
  [
    "prompt_regex without UserPromptSubmit",
    `${HEADER}${RULE}prompt_regex = "x"\n`,
    "error hook-policy-never-matches 7:16 rules[0].prompt_regex: this rule can never match: `prompt_regex` only matches on UserPromptSubmit",
  ],
  [
    "prompt_regex and command",
    `${HEADER}${RULE}events = ["UserPromptSubmit"]\nprompt_regex = "x"\ncommand = ["git"]\n`,
    "this rule can never match: `prompt_regex` needs UserPromptSubmit but `command` needs a tool call",
  ],
  [
    "prompt_regex on more events",
    `${HEADER}${RULE}events = ["UserPromptSubmit", "Stop"]\nprompt_regex = "x"\n`,
    "warning hook-policy-unreachable-event 8:16 rules[0].prompt_regex: `prompt_regex` only matches on UserPromptSubmit",
  ],
  [
    "tool condition on non-tool events",
    `${HEADER}${RULE}events = ["Stop"]\ncommand = ["git"]\n`,
    "error hook-policy-never-matches 8:11 rules[0].command: this rule can never match: `command` only matches tool calls",
  ],
  [
    "tool condition on some non-tool events",
    `${HEADER}${RULE}events = ["PreToolUse", "Stop"]\ndomains = ["x.com"]\n`,
    "warning hook-policy-unreachable-event 8:11 rules[0].domains:",
  ],
  [
    "MCP and command",
    `${HEADER}${RULE}mcp_servers = ["github"]\ncommand = ["git"]\n`,
    "rules[0].mcp_servers: this rule can never match: MCP tools run no shell command",
  ],
  [
    "exact tools without Bash",
    `${HEADER}${RULE}tools = "apply_patch|Edit"\ncommand_regex = "x"\n`,
    "rules[0].tools: this rule can never match: `command_regex` only applies to shell commands (`Bash`)",
  ],
  [
    "exact tools without MCP",
    `${HEADER}${RULE}tools = "Bash"\nmcp_tools = ["x"]\n`,
    "`mcp_tools` only applies to MCP tools",
  ],
  [
    "allow that changes nothing",
    `${HEADER}[[rules]]\nid = "r"\ndecision = "allow"\nreason = "x"\n`,
    "warning hook-policy-no-effect 5:12 rules[0].decision: an `allow` rule only overrides a stricter default",
  ],
];

describe("compileHookPolicy diagnostics", () => {
  it.each(CASES)("%s", (_name, text, expected) => {
    const found = diagnosticsOf(text);
    expect(found.filter((line) => line.includes(expected))).toHaveLength(1);
  });

  it("reports every problem at once, in position order, and compiles nothing", () => {
    const text = `${HEADER}defualt = 1\n${RULE}comand = ["git"]\npaths = ["a/[x"]\n`;
    const result = compileHookPolicy(text, { file: "p.toml", now: NOW });
    expect(result.value).toBeNull();
    expect(result.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [3, "unknown-key"],
      [8, "unknown-key"],
      [9, "hook-policy-glob"],
    ]);
    expect(renderDiagnostic(result.diagnostics[1]!, text)).toBe(
      'p.toml:8:1: rules[0].comand: unknown key `comand`; did you mean `command`?\n  comand = ["git"]\n  ^',
    );
  });

  it("still compiles when there are only warnings", () => {
    const result = compileHookPolicy(`${HEADER}${RULE}command = ["git", "push --force"]\n`, { now: NOW });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    expect(result.value?.rules[0]?.command).toEqual([["git"], ["push --force"]]);
  });

  it("allows an `allow` rule where a tier's default is stricter", () => {
    const text = `${HEADER}[tiers.s]\npaths = ["/srv/**"]\ndefault = "deny"\n[[rules]]\nid = "r"\ndecision = "allow"\nreason = "x"\ntiers = ["s"]\n`;
    expect(diagnosticsOf(text)).toEqual([]);
  });
});
