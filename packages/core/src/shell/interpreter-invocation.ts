/**
 * Recognises language interpreters and whether an invocation runs code given inline (`python -c`,
 * `perl -e`, `node -e`, `ruby -e`, `php -r`, `pwsh -Command`, …), a script file, or standard input.
 */
import type { ArgumentWord } from "./shell-invocation.ts";

/** Option syntax of one interpreter, enough to find its code option or its script operand. */
interface InterpreterSpec {
  /** Short options whose value is code. */
  readonly code: string;
  readonly longCode?: readonly string[];
  /** Short options taking a value (attached or the next word). */
  readonly value?: string;
  readonly longValue?: readonly string[];
  /** Short options whose value can only be attached (`perl -i.bak`), so the rest of the word is skipped. */
  readonly attached?: string;
  /** Options that end the interpreter's options and run something else (`python -m module`). */
  readonly module?: string;
}

const INTERPRETERS: Record<string, InterpreterSpec> = {
  python: { code: "c", value: "WX", module: "m" },
  perl: { code: "eE", attached: "iIMmlx0CdDV" },
  ruby: { code: "e", value: "IrCEF", attached: "x0lKTW" },
  node: {
    code: "ep",
    longCode: ["--eval", "--print"],
    value: "rC",
    longValue: [
      "--require",
      "--import",
      "--loader",
      "--experimental-loader",
      "--input-type",
      "--title",
      "--conditions",
    ],
  },
  bun: { code: "ep", longCode: ["--eval", "--print"], value: "r", longValue: ["--preload", "--cwd"] },
  php: { code: "rBRE", value: "cdzt" },
  lua: { code: "e", value: "l" },
  Rscript: { code: "e" },
  osascript: { code: "e", value: "l" },
};

const VERSIONED = /^(python|pypy|perl|ruby|php|lua|luajit|node|nodejs)[0-9.]*$/;
/** Memo of `interpreterName` (bounded: program names come from untrusted input). */
const KNOWN_NAMES = new Map<string, string | null>();
const ALIASES: Record<string, string> = { pypy: "python", luajit: "lua", nodejs: "node", powershell: "pwsh" };

/** The interpreter family of a program (`python3.12` → `python`), or null. */
export function interpreterName(program: string): string | null {
  let name = KNOWN_NAMES.get(program);
  if (name === undefined) {
    const base = VERSIONED.exec(program)?.[1] ?? program;
    const alias = ALIASES[base] ?? base;
    name = INTERPRETERS[alias] !== undefined || alias === "pwsh" || alias === "deno" ? alias : null;
    if (KNOWN_NAMES.size < 1024) KNOWN_NAMES.set(program, name);
  }
  return name;
}

/** Where an interpreter invocation takes its code from. */
export type InterpreterInput<W extends ArgumentWord = ArgumentWord> =
  | { readonly kind: "code" }
  | { readonly kind: "encoded" }
  | { readonly kind: "file"; readonly word: W }
  | { readonly kind: "stdin" }
  | { readonly kind: "other" };

/** Reads an interpreter's options up to its code option, its script operand or its end. */
export function interpreterInput<W extends ArgumentWord>(name: string, words: readonly W[]): InterpreterInput<W> {
  if (name === "pwsh") return powershellInput(words);
  if (name === "deno") return words[1]?.value === "eval" ? { kind: "code" } : { kind: "other" };
  const spec = INTERPRETERS[name] as InterpreterSpec;
  let i = 1;
  for (; i < words.length; i++) {
    const a = (words[i] as ArgumentWord).value;
    if (a === "--") {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== "-") break;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const option = eq < 0 ? a : a.slice(0, eq);
      if (spec.longCode?.includes(option)) return { kind: "code" };
      if (eq < 0 && spec.longValue?.includes(option)) i++;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const ch = a[k] as string;
      if (spec.code.includes(ch)) return { kind: "code" };
      if (spec.module?.includes(ch)) return { kind: "other" };
      if (spec.attached?.includes(ch)) break;
      if (spec.value?.includes(ch)) {
        if (k === a.length - 1) i++;
        break;
      }
    }
  }
  const operand = words[i];
  if (operand === undefined || operand.value === "-") return { kind: "stdin" };
  return { kind: "file", word: operand };
}

const POWERSHELL_VALUE_PARAMETERS = [
  "executionpolicy",
  "workingdirectory",
  "windowstyle",
  "outputformat",
  "inputformat",
];

/** PowerShell parameters are case-insensitive prefixes: `-c`/`-Command`, `-e`/`-EncodedCommand`, `-f`/`-File`. */
function powershellInput<W extends ArgumentWord>(words: readonly W[]): InterpreterInput<W> {
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as W;
    const a = word.value.toLowerCase();
    if (!a.startsWith("-")) return { kind: "file", word };
    const p = a.replace(/^-+/, "");
    if (p.length > 1 && POWERSHELL_VALUE_PARAMETERS.some((name) => name.startsWith(p))) {
      i++;
      continue;
    }
    if (p === "c" || (p.length > 1 && "command".startsWith(p))) return { kind: "code" };
    if (p === "e" || p === "ec" || (p.length > 1 && "encodedcommand".startsWith(p))) return { kind: "encoded" };
    if (p === "f" || (p.length > 1 && "file".startsWith(p))) {
      const file = words[i + 1];
      return file === undefined ? { kind: "stdin" } : { kind: "file", word: file };
    }
  }
  return { kind: "stdin" };
}

const AWK = new Set(["awk", "gawk", "mawk", "nawk"]);
const AWK_RUNS_COMMANDS = /system\s*\(|(?<!\|)\|(?!\|)/;

/** True for an awk program text that runs commands (`system(…)`, `print | "sh"`, `"cmd" | getline`). */
export function awkRunsCommands(program: string, words: readonly ArgumentWord[]): boolean {
  if (!AWK.has(program)) return false;
  for (let i = 1; i < words.length; i++) {
    const a = (words[i] as ArgumentWord).value;
    if (a === "-f" || a.startsWith("--file")) return false;
    if (a === "-F" || a === "-v") i++;
    else if (a === "--") continue;
    else if (!a.startsWith("-")) return AWK_RUNS_COMMANDS.test(a);
  }
  return false;
}
