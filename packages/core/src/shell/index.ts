// Shell command analysis for the managed hook: commands, network destinations and paths of a script.
export { analyzeShellCommand } from "./analyze-shell-command.ts";
export { type ApplyPatchPaths, applyPatchPaths } from "./apply-patch-paths.ts";
export type { CommandAnalysis, SimpleCommand, Unanalysable } from "./command-analysis.ts";
export { networkDestinations } from "./network-destinations.ts";
export { type PathsTouched, pathsTouched } from "./paths-touched.ts";
export { UnanalysableReason, type UnanalysableReasonText } from "./unanalysable-reason.ts";
