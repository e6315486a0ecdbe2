/**
 * Shell command analysis stricter than Codex's own (hooks-execpolicy-spec §2.5: Codex gives up on
 * redirections, `$VAR`, `$(…)`, `VAR=` prefixes and control flow, so prefix rules are easy to
 * sidestep). This finds every command a `tool_input.command` script can run, through quoting,
 * substitutions, nested shells and wrappers, and names what cannot be known statically.
 */
import type { CommandAnalysis } from "./command-analysis.ts";
import { CommandWalker } from "./command-walker.ts";

export type { CommandAnalysis, SimpleCommand, Unanalysable } from "./command-analysis.ts";

/** Every command `script` can run (as `bash -lc script` would), and the parts that cannot be analysed. */
export function analyzeShellCommand(script: string): CommandAnalysis {
  const walker = new CommandWalker();
  walker.walkText(script, [], 0, true);
  return { commands: walker.commands, unanalysable: walker.unanalysable };
}
