import type { Diagnostic, PolicyKind } from "@warden/core";

/** One file's outcome: the kind it was checked as and its diagnostics (`kind: null` when unreadable and unnamed). */
export interface ValidateFileReport {
  file: string;
  kind: PolicyKind | null;
  diagnostics: Diagnostic[];
}

/** The whole `warden validate` run: what `--json` prints. */
export interface ValidateReport {
  files: ValidateFileReport[];
  errorCount: number;
  warningCount: number;
}
