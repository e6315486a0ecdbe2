import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { isTable } from "../toml/toml-value.ts";
import { managedHookFindings } from "./managed-hooks-findings.ts";

const FILE = "/etc/codex/requirements.toml";

function run(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok || !isTable(parsed.document.value.hooks)) throw new Error("fixture");
  return managedHookFindings(FILE, parsed.document.value.hooks).map((f) => [f.severity, f.path!.join("."), f.message]);
}

const group = (matcher: string, handler: string) =>
  `[hooks]\nmanaged_dir = "/opt/corp/hooks"\n[[hooks.PreToolUse]]\nmatcher = ${JSON.stringify(matcher)}\n[[hooks.PreToolUse.hooks]]\n${handler}`;

describe("managedHookFindings", () => {
  it.each([
    ["a loadable hook", group("^Bash$", 'type = "command"\ncommand = "/opt/corp/hooks/pre"\n'), []],
    [
      "invalid matcher regex: every session fails",
      group("(", 'type = "command"\ncommand = "/opt/corp/hooks/pre"\n'),
      [
        [
          "error",
          "hooks.PreToolUse.0.matcher",
          'failed to load required managed hooks: invalid matcher "(" in /opt/corp/hooks: regex parse error:\n    (\n    ^\nerror: unclosed group',
        ],
      ],
    ],
    [
      "prompt handlers are not supported",
      group("Bash", 'type = "prompt"\nprompt = "x"\n'),
      [
        [
          "error",
          "hooks.PreToolUse.0.hooks.0",
          "failed to load required managed hooks: skipping prompt hook in /opt/corp/hooks: prompt hooks are not supported yet",
        ],
      ],
    ],
    [
      "empty command",
      group("Bash", 'type = "command"\ncommand = "  "\n'),
      [
        [
          "error",
          "hooks.PreToolUse.0.hooks.0",
          "failed to load required managed hooks: skipping empty hook command in /opt/corp/hooks",
        ],
      ],
    ],
    [
      "a warning Codex prints but survives",
      '[[hooks.SessionEnd]]\n[[hooks.SessionEnd.hooks]]\ntype = "command"\ncommand = "/x"\ntimeout = 30\n',
      [["warning", "hooks.SessionEnd.0.hooks.0", `clamping SessionEnd hook timeout to 3s in ${FILE}`]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
