import { isTable, type KeyPath, type TomlTable } from "../../toml/toml-value.ts";
import type { Finding } from "../diagnostic-at.ts";
import type { Lint } from "./lint.ts";

const DIRECTORY_KEYS = ["managed_dir", "windows_managed_dir"];

/** The program a shell command line starts, skipping `NAME=value` assignments and one level of quotes. */
export function firstCommandWord(command: string): string {
  let rest = command.trimStart();
  for (;;) {
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : null;
    const end = quote ? rest.indexOf(quote, 1) : rest.search(/\s/);
    const word = quote ? rest.slice(1, end < 0 ? undefined : end) : end < 0 ? rest : rest.slice(0, end);
    const after = end < 0 ? "" : rest.slice(end + (quote ? 1 : 0)).trimStart();
    if (!quote && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && after !== "") {
      rest = after;
      continue;
    }
    return word;
  }
}

/** An absolute POSIX path (`/…`), or with `windows` a drive or UNC path (`C:\…`, `C:/…`, `\\server\…`). */
export function isAbsoluteCommandPath(word: string, windows: boolean): boolean {
  if (!windows) return word.startsWith("/");
  return /^[A-Za-z]:[\\/]/.test(word) || word.startsWith("\\\\");
}

function commandFinding(path: KeyPath, word: string, windows: boolean): Finding {
  const how = windows ? "`%COMSPEC% /C`" : "`$SHELL -lc`";
  const example = windows ? "`C:\\Program Files\\Corp\\hook.exe`" : "`/usr/bin/python3 /opt/corp/hooks/pre.py`";
  return {
    code: "relative-hook-command",
    severity: "warning",
    message: `managed hook runs \`${word}\`, which is not an absolute path: Codex runs the command with ${how} in the session's working directory, so the program is found through the user's PATH or the open project, and a user or repository can substitute their own. Use an absolute path such as ${example}.`,
    path,
  };
}

/**
 * `relative-hook-command` and `relative-managed-dir`: managed hooks in requirements.toml must not
 * depend on the user's environment. A command whose first word is not absolute is resolved through
 * PATH and the session cwd (hooks-execpolicy-spec §1.7); a relative `managed_dir` is ignored by
 * Codex, which then keys the hooks by the requirements file path instead (§1.3).
 */
export const relativeHookCommand: Lint = ({ table }) => {
  const hooks = table.hooks;
  if (!isTable(hooks)) return [];
  const findings: Finding[] = [];
  for (const key of DIRECTORY_KEYS) {
    const dir = hooks[key];
    const windows = key === "windows_managed_dir";
    if (typeof dir !== "string" || isAbsoluteCommandPath(dir, windows)) continue;
    findings.push({
      code: "relative-managed-dir",
      severity: "warning",
      message: `\`${key}\` must be an absolute path: Codex ignores a relative one and identifies managed hooks by the requirements file path instead, so hook keys and trust change when the file moves. Use a path such as ${windows ? "`C:\\ProgramData\\Corp\\hooks`" : "`/opt/corp/hooks`"}.`,
      path: ["hooks", key],
    });
  }
  for (const [event, groups] of Object.entries(hooks)) {
    if (DIRECTORY_KEYS.includes(event) || !Array.isArray(groups)) continue;
    groups.forEach((group, groupIndex) => {
      const handlers = isTable(group) && Array.isArray(group.hooks) ? group.hooks : [];
      handlers.forEach((handler, handlerIndex) => {
        if (!isTable(handler) || (handler.type !== undefined && handler.type !== "command")) return;
        findings.push(...checkCommands(handler, ["hooks", event, groupIndex, "hooks", handlerIndex]));
      });
    });
  }
  return findings;
};

function checkCommands(handler: TomlTable, base: KeyPath): Finding[] {
  const out: Finding[] = [];
  for (const [key, windows] of [
    ["command", false],
    ["commandWindows", true],
  ] as const) {
    const command = handler[key];
    if (typeof command !== "string" || command.trim() === "") continue;
    const word = firstCommandWord(command);
    if (!isAbsoluteCommandPath(word, windows)) out.push(commandFinding([...base, key], word, windows));
  }
  return out;
}
