/** Recognises shells (`bash`, `sh -lc`, `zsh -c`, …) and where each invocation reads its script from. */

/** A word of a command line; only its text matters here. */
export interface ArgumentWord {
  readonly value: string;
}

const SHELLS = new Set([
  "sh",
  "bash",
  "zsh",
  "dash",
  "ksh",
  "mksh",
  "ash",
  "yash",
  "posh",
  "rbash",
  "fish",
  "csh",
  "tcsh",
]);

/** True for a program that runs shell scripts. */
export function isShell(program: string): boolean {
  return SHELLS.has(program);
}

/** Where a shell invocation takes its script: `-c` text, a script file, standard input, or nowhere. */
export type ShellInput<W extends ArgumentWord = ArgumentWord> =
  | { readonly kind: "script"; readonly word: W }
  | { readonly kind: "file"; readonly word: W }
  | { readonly kind: "stdin" }
  | { readonly kind: "none" };

/** Reads a shell's options like bash does: all options first, then `-c`'s script is the first operand. */
export function shellInput<W extends ArgumentWord>(words: readonly W[]): ShellInput<W> {
  let command = false;
  let stdin = false;
  let i = 1;
  for (; i < words.length; i++) {
    const a = (words[i] as W).value;
    if (a === "--" || a === "-") {
      i++;
      break;
    }
    if (a.startsWith("--")) {
      if (a === "--rcfile" || a === "--init-file") i++;
      if (a === "--command") command = true; // fish
      continue;
    }
    if (a.length < 2 || (a[0] !== "-" && a[0] !== "+")) break;
    if (a[0] === "-" && a.includes("c")) command = true;
    if (a.includes("s")) stdin = true;
    // `-o pipefail` and `-O extglob` take the next word.
    if (a.includes("o") || a.includes("O")) i++;
  }
  const operand = words[i];
  if (command) return operand === undefined ? { kind: "none" } : { kind: "script", word: operand };
  return operand === undefined || stdin ? { kind: "stdin" } : { kind: "file", word: operand };
}
