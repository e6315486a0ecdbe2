/** The result types of `analyzeShellCommand`. */

/** One command a script can run, after removing assignments, redirections and wrappers. */
export interface SimpleCommand {
  /** The command's words (quotes removed; unknown expansions such as `$HOME/x` kept as written); argv[0] as written. */
  argv: string[];
  /** Basename of argv[0] (`/usr/bin/rm` → `rm`); "" when argv is empty (a redirection-only command). */
  program: string;
  /** The source text this command came from (for nested scripts, text of the nested script). */
  text: string;
  /**
   * Redirections in source order, e.g. `{op: ">", target: "/dev/null"}`, `{op: "2>&1", target: ""}`;
   * a here-document (`{op: "<<", target: "EOF"}`) also carries its `body`.
   */
  redirections: Array<{ op: string; target: string; body?: string }>;
  /** `FOO=1` prefixes and `env`/`sudo` `NAME=value` arguments. */
  assignments: Record<string, string>;
  /** Stripped wrappers in order, e.g. `["sudo", "env", "timeout"]`. */
  wrappers: string[];
  /** How the command was reached, outermost first, e.g. `["bash -c", "$(…)"]`; `[]` at top level. */
  context: string[];
  /**
   * The working directory as changed by earlier literal `cd`/`pushd` in the same script: "" when
   * unchanged, else the path as written (`/etc`, `sub`, `~/x`); null when it cannot be known.
   */
  workdir: string | null;
}

/** A part of a script that cannot be analysed statically, with a stable short reason. */
export interface Unanalysable {
  reason: string;
  text: string;
}

/** Every command found in a script, and what could not be analysed. */
export interface CommandAnalysis {
  /** Every simple command found, in source order (an outer command before those nested in it). */
  commands: SimpleCommand[];
  /** Parts that cannot be analysed statically; reasons are listed in `unanalysable-reason.ts`. */
  unanalysable: Unanalysable[];
}
