/**
 * Shell commands hidden in values that a program later runs through `sh -c`: variables such as
 * `GIT_SSH_COMMAND` or `PAGER`, options such as `rsync -e`, `tar --to-command` or `ssh -o
 * ProxyCommand=`, and git configuration (`git -c core.pager=…`, `git config alias.x '!…'`).
 */
import type { SimpleCommand } from "./command-analysis.ts";

/** A command string found in a value, and where it was found (for `context`). */
export interface EmbeddedCommand {
  readonly via: string;
  readonly script: string;
}

const COMMAND_VARIABLES = new Set(
  (
    "PROMPT_COMMAND GIT_SSH_COMMAND GIT_SSH GIT_EDITOR GIT_PAGER GIT_EXTERNAL_DIFF GIT_SEQUENCE_EDITOR GIT_ASKPASS " +
    "SSH_ASKPASS SUDO_ASKPASS EDITOR VISUAL PAGER MANPAGER LESSOPEN LESSCLOSE BROWSER"
  ).split(" "),
);
/** Files a shell sources at startup. */
const SOURCED_VARIABLES = new Set(["BASH_ENV", "ENV"]);

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  rsync: ["-e", "--rsh"],
  tar: ["--to-command", "--use-compress-program", "-I", "--info-script", "--new-volume-script", "-F"],
  git: ["--upload-pack", "--receive-pack", "--exec"],
  zip: ["-TT", "--unzip-command"],
  man: ["-P", "--pager", "-H", "--html"],
};
/** Editors run `-c '!cmd'` / `+!cmd` through the shell. */
const EDITORS = new Set(["vi", "vim", "nvim", "view", "ex"]);
/** Programs whose arguments can carry commands (the tables above, ssh-family `-o`, git configuration). */
const CARRIERS = new Set([...Object.keys(COMMAND_OPTIONS), ...EDITORS, "ssh", "scp", "sftp", "git"]);
const SSH_COMMAND_OPTION = /^(?:ProxyCommand|LocalCommand|KnownHostsCommand|RemoteCommand)[= ](.+)$/is;
const GIT_COMMAND_KEY =
  /^(?:core\.(?:sshcommand|pager|editor|fsmonitor|askpass|gitproxy)|sequence\.editor|diff\.external|credential\.(?:.+\.)?helper|alias\..+|pager\..+|filter\..+\.(?:clean|smudge|process)|diff\..+\.(?:textconv|command)|merge\..+\.driver|gpg(?:\..+)?\.program|uploadpack\.packobjectshook|(?:difftool|mergetool|browser)\..+\.cmd|web\.browser)$/i;

/** Command strings `command` carries in its assignments, options or git configuration. */
export function embeddedCommands(command: SimpleCommand): EmbeddedCommand[] {
  const out: EmbeddedCommand[] = [];
  if (!CARRIERS.has(command.program) && isEmpty(command.assignments)) return out;
  for (const name in command.assignments) {
    const value = command.assignments[name] as string;
    if (COMMAND_VARIABLES.has(name)) out.push({ via: `$${name}`, script: value });
    if (SOURCED_VARIABLES.has(name)) out.push({ via: `$${name}`, script: `. ${value}` });
  }
  const { program, argv } = command;
  for (const option of COMMAND_OPTIONS[program] ?? []) {
    for (const script of optionValues(argv, option)) out.push({ via: `${program} ${option}`, script });
  }
  if (program === "ssh" || program === "scp" || program === "sftp" || program === "rsync") {
    for (const value of optionValues(argv, "-o")) {
      const m = SSH_COMMAND_OPTION.exec(value);
      if (m) out.push({ via: `${program} -o`, script: m[1] as string });
    }
  }
  if (program === "tar") {
    for (const value of optionValues(argv, "--checkpoint-action")) {
      if (value.startsWith("exec=")) out.push({ via: "tar --checkpoint-action", script: value.slice(5) });
    }
  }
  if (EDITORS.has(program)) {
    const commands = [...optionValues(argv, "-c"), ...optionValues(argv, "--cmd")];
    for (const a of argv.slice(1)) if (a.startsWith("+")) commands.push(a.slice(1));
    for (const c of commands) {
      const bang = /^:?\s*!(.*)$/s.exec(c);
      if (bang) out.push({ via: `${program} -c`, script: bang[1] as string });
    }
  }
  if (program === "git") out.push(...gitConfigCommands(argv));
  return out;
}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}

/** Values of `option` written `-e VALUE`, `-eVALUE` (one-letter options), `--opt VALUE` or `--opt=VALUE`. */
function optionValues(argv: readonly string[], option: string): string[] {
  const values: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === option && argv[i + 1] !== undefined) values.push(argv[++i] as string);
    else if (a.startsWith(`${option}=`)) values.push(a.slice(option.length + 1));
    else if (option.length === 2 && !option.startsWith("--") && a.startsWith(option) && a.length > 2) {
      values.push(a.slice(2));
    }
  }
  return values;
}

/** `git -c key=value …` and `git config [--global] key value` for keys whose value git runs. */
function gitConfigCommands(argv: readonly string[]): EmbeddedCommand[] {
  const pairs: Array<[string, string]> = [];
  let i = 1;
  for (; i < argv.length && (argv[i] as string).startsWith("-"); i++) {
    if (argv[i] === "-c" && argv[i + 1] !== undefined) {
      const kv = argv[++i] as string;
      const eq = kv.indexOf("=");
      if (eq > 0) pairs.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    } else if (argv[i] === "-C" || argv[i] === "--git-dir" || argv[i] === "--work-tree") {
      i++;
    }
  }
  if (argv[i] === "config") {
    const operands = argv.slice(i + 1).filter((a) => !a.startsWith("-"));
    if (operands.length >= 2) pairs.push([operands[0] as string, operands[1] as string]);
  }
  const out: EmbeddedCommand[] = [];
  for (const [key, value] of pairs) {
    if (!GIT_COMMAND_KEY.test(key)) continue;
    // Aliases and credential helpers are git subcommands unless they start with `!`.
    const bang = value.startsWith("!");
    if (/^(alias|credential)\./i.test(key) && !bang) continue;
    out.push({ via: `git config ${key.toLowerCase()}`, script: bang ? value.slice(1) : value });
  }
  return out;
}
