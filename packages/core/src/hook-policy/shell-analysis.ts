// The shell analysis the evaluator uses (packages/core/src/shell), behind one seam so tests can
// pass their own.
import { analyzeShellCommand, type CommandAnalysis, type SimpleCommand } from "../shell/analyze-shell-command.ts";
import { applyPatchPaths } from "../shell/apply-patch-paths.ts";
import { networkDestinations } from "../shell/network-destinations.ts";
import { pathsTouched } from "../shell/paths-touched.ts";

export type { CommandAnalysis, SimpleCommand };

/** The four shell functions the evaluator calls. */
export interface ShellAnalyzer {
  analyzeShellCommand(script: string): CommandAnalysis;
  networkDestinations(command: SimpleCommand): string[];
  pathsTouched(command: SimpleCommand, cwd: string): { reads: string[]; writes: string[] };
  applyPatchPaths(patch: string): { writes: string[]; deletes: string[] };
}

/** The real analyzer (packages/core/src/shell). */
export const defaultShellAnalyzer: ShellAnalyzer = {
  analyzeShellCommand,
  networkDestinations,
  pathsTouched,
  applyPatchPaths,
};
