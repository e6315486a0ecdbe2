import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { decodeTomlHooks } from "./decode-toml-hooks.ts";

function hooksOf(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document.value.hooks ?? {};
}

describe("decodeTomlHooks", () => {
  it("reads events and ignores state, managed_dir and unknown events", () => {
    const decoded = decodeTomlHooks(
      hooksOf(`[hooks]
managed_dir = "/opt/guard"
Bogus = 5
[[hooks.PreToolUse]]
matcher = "^Bash$"
[[hooks.PreToolUse.hooks]]
type = "command"
command = "x"
command_windows = "w"
timeout = 5
[[hooks.PreToolUse.hooks]]
type = "mcp_tool"
server = "s"
tool = "t"
input = { i = 1, f = 2.5, d = 1979-05-27T07:32:00Z }
[hooks.state."k"]
enabled = false
`),
    );
    const n = (text: string) => ({ "$serde_json::private::Number": text });
    expect(decoded).toEqual({
      ok: true,
      value: new Map([
        [
          "PreToolUse",
          [
            {
              matcher: "^Bash$",
              hooks: [
                {
                  type: "command",
                  command: "x",
                  commandWindows: "w",
                  timeout: 5n,
                  async: false,
                  statusMessage: null,
                  additionalContextLimit: null,
                },
                {
                  type: "mcp_tool",
                  server: "s",
                  tool: "t",
                  input: { i: n("1"), f: n("2.5"), d: "1979-05-27T07:32:00Z" },
                  timeout: null,
                  statusMessage: null,
                },
              ],
            },
          ],
        ],
      ]),
    });
  });

  // Codex rejects these when it loads the layer (config error), so the texts below follow serde's
  // messages; only the message part was observed (`invalid type: string "5", expected u64`).
  it.each([
    [
      '[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "command"\ncommand = "x"\ntimeout = "5"',
      'invalid type: string "5", expected u64\nin `Stop`\n',
    ],
    [
      '[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "shell"',
      "unknown variant `shell`, expected one of `command`, `mcp_tool`, `prompt`, `agent`\nin `Stop`\n",
    ],
    ["[hooks]\nStop = 5", "invalid type: integer `5`, expected a sequence\nin `Stop`\n"],
    ['[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "command"', "missing field `command`\nin `Stop`\n"],
  ])("%j", (text, message) => {
    expect(decodeTomlHooks(hooksOf(text))).toEqual({ ok: false, message });
  });
});
