import { diagnosticAt } from "./diagnostic-at.ts";
import { managedConfigLoosensRequirements } from "./lints/managed-config-loosens-requirements.ts";
import {
  type AnalyzedPolicyFile,
  analyzePolicyFile,
  type PolicyFileInput,
  type PolicyFileResult,
  sortDiagnostics,
} from "./validate-policy-file.ts";

/** One validated file of a set, named as given. */
export interface PolicyFileReport extends PolicyFileResult {
  readonly file: string;
}

/**
 * Validates several files together: each alone (`validatePolicyFile`), plus the lints that need
 * two of them. Today that is `managed-config-loosens-requirements`: every managed config is compared
 * with every requirements file of the set, as Codex stacks `/etc/codex/managed_config.toml` above
 * `/etc/codex/requirements.toml`.
 */
export function validatePolicyFiles(inputs: readonly PolicyFileInput[]): PolicyFileReport[] {
  const analyzed: Array<AnalyzedPolicyFile & { file: string }> = inputs.map((input) => ({
    file: input.file,
    ...analyzePolicyFile(input),
  }));
  const requirements = analyzed.filter((entry) => entry.kind === "requirements" && entry.lintInput);
  return analyzed.map(({ file, kind, diagnostics, lintInput }) => {
    if (kind !== "managed-config" || !lintInput) return { file, kind, diagnostics };
    const cross = requirements.flatMap((other) =>
      managedConfigLoosensRequirements(lintInput, other.lintInput!).map((finding) =>
        diagnosticAt({ file, document: lintInput.document }, finding),
      ),
    );
    return { file, kind, diagnostics: sortDiagnostics([...diagnostics, ...cross]) };
  });
}
