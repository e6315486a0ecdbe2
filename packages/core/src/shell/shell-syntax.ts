/**
 * The syntax tree the shell parser produces: just enough of bash's grammar to find every command a
 * script can run. Control flow is kept only as nesting (whose commands run is not modelled).
 */

/** A script nested inside a word: a command substitution or a process substitution, already parsed. */
export interface Substitution {
  readonly kind: "$(…)" | "`…`" | "<(…)" | ">(…)";
  readonly script: ParsedScript;
}

/** One word after quote removal, with what static analysis needs to know about it. */
export interface ShellWord {
  /** Quotes removed and escapes applied; expansions (`$HOME`, `$(…)`) kept as their source text. */
  value: string;
  /** Offsets of the word in the source it was read from. */
  start: number;
  end: number;
  /** Some part was quoted or escaped, so the word is never a reserved word. */
  quoted: boolean;
  /** Contains a parameter, command or arithmetic expansion whose value is unknown statically. */
  dynamic: boolean;
  /** Has at least one character outside expansions. */
  literal: boolean;
  /** Has unquoted glob (`*`, `?`, `[…]`) or brace-expansion characters. */
  glob: boolean;
  /** Command and process substitutions inside the word, in source order. */
  subs: Substitution[] | null;
}

/** A here-document; its body is read when the lexer reaches the end of the line. */
export interface Heredoc {
  delimiter: string;
  /** A quoted delimiter makes the body literal; otherwise the outer shell expands it. */
  quoted: boolean;
  body: string;
  /** Command substitutions in an unquoted body (the outer shell runs them). */
  subs: Substitution[] | null;
}

/** A redirection: `op` includes a leading fd and a duplicated fd (`2>&1`); the target is a word. */
export interface ShellRedirect {
  readonly op: string;
  readonly target: ShellWord | null;
  readonly heredoc: Heredoc | null;
}

/** A simple command: prefix assignments, words and redirections, in source order per kind. */
export interface SimpleNode {
  readonly type: "simple";
  readonly assigns: ShellWord[];
  readonly words: ShellWord[];
  readonly redirects: ShellRedirect[];
  readonly start: number;
  end: number;
  /** `time` in front of the pipeline this command starts. */
  prefix: string | null;
}

/** Kinds of compound commands; only subshells and function bodies get their own working directory. */
export type CompoundKind = "subshell" | "group" | "if" | "loop" | "case" | "test" | "arith" | "function";

/** A compound command: its body, words whose substitutions run (for lists, `case` subject, `[[ … ]]`). */
export interface CompoundNode {
  readonly type: "compound";
  readonly kind: CompoundKind;
  readonly body: Pipeline[];
  readonly words: ShellWord[];
  readonly redirects: ShellRedirect[];
  readonly start: number;
  end: number;
}

/** A pipeline of one or more stages; `background` when it ends with `&`. */
export interface Pipeline {
  readonly stages: Array<SimpleNode | CompoundNode>;
  background: boolean;
}

/** A parsed script or nested script, with the syntax problems found in it (unanalysable reasons). */
export interface ParsedScript {
  readonly source: string;
  readonly start: number;
  readonly end: number;
  readonly pipelines: Pipeline[];
  readonly errors: string[];
}
