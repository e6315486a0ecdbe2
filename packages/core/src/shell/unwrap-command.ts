/**
 * Strips the wrappers that run another command (`sudo`, `env`, `nohup`, `timeout 10`, `xargs -0`,
 * `nice -n 5`, `command`, `exec`, …) so policy sees the command that actually runs. Each wrapper's
 * option syntax is described by data, so a value such as `-u root` is never taken for the command.
 */
import { programName } from "./program-name.ts";
import type { ShellWord } from "./shell-syntax.ts";

/** How a wrapper's own arguments are laid out before the command it runs. */
interface WrapperSpec {
  /** Short options taking a value, attached (`-n5`) or as the next word. */
  readonly value?: string;
  /** Long options taking the next word as value unless written `--opt=value`. */
  readonly longValue?: readonly string[];
  /** Options after which no command runs (`command -v`, `sudo -l`). */
  readonly lookup?: string;
  readonly lookupLong?: readonly string[];
  /** Options whose value is a shell script (`su -c`, `flock -c`, `env -S`). */
  readonly script?: string;
  readonly scriptLong?: readonly string[];
  /** Operands between the options and the command (`timeout DURATION`, `chroot DIR`, `flock FILE`). */
  readonly operands?: number;
  /** `NAME=value` words before the command set its environment. */
  readonly assignments?: boolean;
  /** The wrapper needs this subcommand first (`uv run`, `bundle exec`). */
  readonly subcommand?: string;
  /** A lone `-` is an option (`env -` means `env -i`). */
  readonly dashOption?: boolean;
  /** Without a script option nothing runs (`su user`), unless this option names a command (`runuser -u`). */
  readonly scriptOnly?: boolean;
  readonly commandOption?: string;
  /** The command words are joined and run by `sh -c` (`watch` without `-x`, `parallel`). */
  readonly joined?: boolean;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    value: "ugpCDRrtTU",
    longValue: ["--user", "--group", "--prompt", "--close-from", "--chdir", "--chroot", "--role", "--type"],
    lookup: "lvVKe",
    lookupLong: ["--list", "--validate", "--version", "--remove-timestamp", "--edit", "--help"],
    assignments: true,
  },
  doas: { value: "u", lookup: "C" },
  pkexec: { longValue: ["--user"] },
  env: {
    value: "uC",
    longValue: ["--unset", "--chdir"],
    script: "S",
    scriptLong: ["--split-string"],
    assignments: true,
    dashOption: true,
  },
  nohup: {},
  time: { value: "fo", longValue: ["--format", "--output"] },
  nice: { value: "n", longValue: ["--adjustment"] },
  ionice: {
    value: "cn",
    longValue: ["--class", "--classdata"],
    lookup: "pPu",
    lookupLong: ["--pid", "--pgid", "--uid"],
  },
  xargs: {
    value: "adEILnPs",
    longValue: ["--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"],
    lookupLong: ["--help", "--version"],
  },
  timeout: { value: "ks", longValue: ["--kill-after", "--signal"], operands: 1 },
  command: { lookup: "vV" },
  exec: { value: "a" },
  builtin: {},
  stdbuf: { value: "ioe", longValue: ["--input", "--output", "--error"] },
  setsid: {},
  chroot: { longValue: ["--userspec", "--groups"], operands: 1 },
  flock: {
    value: "Ew",
    longValue: ["--timeout", "--conflict-exit-code"],
    script: "c",
    scriptLong: ["--command"],
    operands: 1,
  },
  watch: { value: "n", longValue: ["--interval"], joined: true },
  parallel: {
    value: "jSadEINnLPs",
    longValue: ["--jobs", "--sshlogin", "--arg-file", "--delimiter", "--colsep", "--joblog", "--results", "--workdir"],
    joined: true,
  },
  su: { value: "gGsw", script: "c", scriptLong: ["--command", "--session-command"], scriptOnly: true },
  runuser: { value: "gGswu", script: "c", scriptLong: ["--command"], scriptOnly: true, commandOption: "u" },
  script: { value: "TBIOEmo", script: "c", scriptLong: ["--command"], scriptOnly: true },
  busybox: {},
  toybox: {},
  unbuffer: {},
  uv: {
    subcommand: "run",
    value: "pwf",
    longValue: ["--with", "--with-editable", "--with-requirements", "--python", "--package", "--extra", "--group"],
  },
  poetry: { subcommand: "run" },
  pipenv: { subcommand: "run" },
  bundle: { subcommand: "exec", longValue: ["--gemfile"] },
};

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The command left after stripping wrappers, and a script that a wrapper runs through a shell. */
export interface UnwrappedCommand {
  readonly words: ShellWord[];
  readonly wrappers: string[];
  readonly assignments: Array<[string, string]>;
  /** Set when the last wrapper runs a shell script (`su -c`, `env -S`, `watch`); `words` is then that wrapper. */
  readonly script: { readonly words: ShellWord[]; readonly via: string } | null;
}

interface ReadOptions {
  index: number;
  lookup: boolean;
  script: ShellWord | null;
  seen: string;
}

function readOptions(words: ShellWord[], start: number, spec: WrapperSpec): ReadOptions {
  const out: ReadOptions = { index: start, lookup: false, script: null, seen: "" };
  let i = start;
  for (; i < words.length; i++) {
    const w = words[i] as ShellWord;
    const a = w.value;
    if (w.dynamic || a.length < 2 || a[0] !== "-") {
      if (a === "-" && spec.dashOption) continue;
      break;
    }
    if (a === "--") {
      i++;
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (spec.lookupLong?.includes(name)) out.lookup = true;
      if (spec.scriptLong?.includes(name))
        out.script = eq < 0 ? (words[++i] ?? null) : { ...w, value: a.slice(eq + 1) };
      else if (eq < 0 && spec.longValue?.includes(name)) i++;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const ch = a[k] as string;
      out.seen += ch;
      if (spec.lookup?.includes(ch)) out.lookup = true;
      const script = spec.script?.includes(ch) === true;
      if (script || spec.value?.includes(ch)) {
        const value = k + 1 < a.length ? { ...w, value: a.slice(k + 1) } : (words[++i] ?? null);
        if (script) out.script = value;
        break;
      }
    }
  }
  out.index = i;
  return out;
}

/** Strips wrappers from a command's words (after its prefix assignments), outermost first. */
export function unwrapCommand(words: ShellWord[]): UnwrappedCommand {
  const wrappers: string[] = [];
  const assignments: Array<[string, string]> = [];
  let rest = words;
  while (rest.length > 0 && wrappers.length < 32) {
    const head = rest[0] as ShellWord;
    if (head.dynamic || head.glob) break;
    const name = programName(head.value);
    const spec = WRAPPERS[name];
    if (spec === undefined) break;
    if (spec.subcommand !== undefined && rest[1]?.value !== spec.subcommand) break;
    const options = readOptions(rest, spec.subcommand === undefined ? 1 : 2, spec);
    if (options.lookup) break;
    if (options.script !== null) {
      const via = `${name} -${spec.script?.[0] ?? "c"}`;
      return { words: rest, wrappers, assignments, script: { words: [options.script], via } };
    }
    if (spec.scriptOnly && !(spec.commandOption && options.seen.includes(spec.commandOption))) break;
    let i = options.index + (spec.operands ?? 0);
    // `flock FILE -c CMD`: flock looks for `-c` after its file operand too.
    const after = rest[i]?.value;
    const scriptOption = spec.script === undefined ? undefined : `-${spec.script}`;
    if (spec.operands && after !== undefined && (after === scriptOption || spec.scriptLong?.includes(after))) {
      const script = rest[i + 1];
      if (script === undefined) break;
      return { words: rest, wrappers, assignments, script: { words: [script], via: `${name} -${spec.script}` } };
    }
    for (; spec.assignments && i < rest.length && ENV_ASSIGNMENT.test((rest[i] as ShellWord).value); i++) {
      const value = (rest[i] as ShellWord).value;
      const eq = value.indexOf("=");
      assignments.push([value.slice(0, eq), value.slice(eq + 1)]);
    }
    if (i >= rest.length) break;
    if (spec.joined && !(name === "watch" && (options.seen.includes("x") || rest.some((w) => w.value === "--exec")))) {
      let end = rest.length;
      for (let k = i; name === "parallel" && k < rest.length; k++) {
        if ((rest[k] as ShellWord).value.startsWith(":::")) {
          end = k;
          break;
        }
      }
      return { words: rest, wrappers, assignments, script: { words: rest.slice(i, end), via: name } };
    }
    wrappers.push(name);
    rest = rest.slice(i);
  }
  return { words: rest, wrappers, assignments, script: null };
}
