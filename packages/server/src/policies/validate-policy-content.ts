import { compileHookPolicy, type Diagnostic, type PolicyContent, validatePolicyFiles } from "@warden/core";
import { HttpError } from "../http-error.ts";

/** The file names a policy's parts carry in diagnostics (as they land in `/etc/codex`). */
export const POLICY_FILE_NAMES = {
  requirementsToml: "requirements.toml",
  managedConfigToml: "managed_config.toml",
  hookPolicyToml: "hook-policy.toml",
} as const;

/**
 * Validates a policy's files with `core` (each file, the cross-file lints, and the hook policy
 * compile) and returns every diagnostic; throws `policy_invalid` (400) when any is an error.
 */
export function checkPolicyContent(content: PolicyContent, now: Date): Diagnostic[] {
  const files = [
    { file: POLICY_FILE_NAMES.requirementsToml, text: content.requirementsToml, kind: "requirements" as const },
    ...(content.managedConfigToml === null
      ? []
      : [
          {
            file: POLICY_FILE_NAMES.managedConfigToml,
            text: content.managedConfigToml,
            kind: "managed-config" as const,
          },
        ]),
  ];
  const diagnostics: Diagnostic[] = validatePolicyFiles(files).flatMap((report) => report.diagnostics);
  if (content.hookPolicyToml !== null) {
    diagnostics.push(
      ...compileHookPolicy(content.hookPolicyToml, { file: POLICY_FILE_NAMES.hookPolicyToml, now }).diagnostics,
    );
  }
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = [first.file, first.line, first.column].filter((part) => part !== null).join(":");
    throw new HttpError(
      "policy_invalid",
      `the policy has ${errors.length} error${errors.length === 1 ? "" : "s"}; first: ${where}: ${first.message}`,
      { diagnostics },
    );
  }
  return diagnostics;
}
