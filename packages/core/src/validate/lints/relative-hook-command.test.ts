import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { firstCommandWord, isAbsoluteCommandPath, relativeHookCommand } from "./relative-hook-command.ts";

describe("firstCommandWord", () => {
  it.each([
    ["/usr/bin/python3 /opt/h.py", "/usr/bin/python3"],
    ["  python3 check.py", "python3"],
    ['"/opt/my dir/hook" --flag', "/opt/my dir/hook"],
    ["'./hook.sh' x", "./hook.sh"],
    ["FOO=1 BAR=2 /opt/hook", "/opt/hook"],
    ["FOO=1", "FOO=1"],
    ["$HOME/hook.sh", "$HOME/hook.sh"],
  ])("%j → %j", (command, word) => {
    expect(firstCommandWord(command)).toBe(word);
  });

  it.each([
    ["/opt/hook", false, true],
    ["opt/hook", false, false],
    ["~/hook", false, false],
    ["C:\\Corp\\hook.exe", true, true],
    ["C:/Corp/hook.exe", true, true],
    ["\\\\server\\share\\hook.exe", true, true],
    ["hook.exe", true, false],
    ["/opt/hook", true, false],
  ])("isAbsoluteCommandPath(%j, windows=%s) = %s", (word, windows, expected) => {
    expect(isAbsoluteCommandPath(word, windows)).toBe(expected);
  });
});

const hook = (handler: string) =>
  `[hooks]\nmanaged_dir = "/opt/corp/hooks"\n[[hooks.PreToolUse]]\nmatcher = "Bash"\n[[hooks.PreToolUse.hooks]]\n${handler}`;

describe("relativeHookCommand", () => {
  it.each([
    ["absolute command", hook('type = "command"\ncommand = "/usr/bin/python3 /opt/corp/hooks/pre.py"\n'), []],
    [
      "relative program",
      hook('type = "command"\ncommand = "python3 /opt/corp/hooks/pre.py"\n'),
      ["7:11 hooks.PreToolUse[0].hooks[0].command"],
    ],
    [
      "script relative to the cwd",
      hook('type = "command"\ncommand = "./hooks/pre.sh"\n'),
      ["7:11 hooks.PreToolUse[0].hooks[0].command"],
    ],
    ["env assignment then absolute", hook('type = "command"\ncommand = "MODE=strict /opt/corp/hooks/pre"\n'), []],
    [
      "Windows command checked as a Windows path",
      hook('type = "command"\ncommand = "/opt/pre"\ncommandWindows = "pre.exe"\n'),
      ["8:18 hooks.PreToolUse[0].hooks[0].commandWindows"],
    ],
    ["mcp_tool handler is not a command", hook('type = "mcp_tool"\nserver = "s"\ntool = "t"\n'), []],
    ["empty command (Codex's own error)", hook('type = "command"\ncommand = " "\n'), []],
    ["relative managed_dir", '[hooks]\nmanaged_dir = "hooks"\n', ["2:15 hooks.managed_dir"]],
    ["relative windows_managed_dir", '[hooks]\nwindows_managed_dir = "hooks"\n', ["2:23 hooks.windows_managed_dir"]],
    ["absolute windows_managed_dir", "[hooks]\nwindows_managed_dir = 'C:\\Corp\\hooks'\n", []],
  ])("%s", (_name, text, expected) => {
    const found = runLint(relativeHookCommand, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d.severity).toBe("warning");
      expect(d.code).toBe(d.keyPath?.endsWith("managed_dir") ? "relative-managed-dir" : "relative-hook-command");
    }
  });
});
