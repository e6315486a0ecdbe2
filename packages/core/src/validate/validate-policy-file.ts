import { mappedTomlSyntaxError, parseRustDisplay } from "../config/toml-syntax-error.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { parseToml, TomlDocument } from "../toml/parse-toml.ts";
import { configErrors } from "./config-errors.ts";
import { diagnosticAt, type Finding, type PolicySite } from "./diagnostic-at.ts";
import type { LintInput } from "./lints/lint.ts";
import { LINTS_BY_KIND } from "./lints/policy-lints.ts";
import { managedConfigErrors } from "./managed-config-errors.ts";
import { detectPolicyKind, type PolicyKind } from "./policy-kind.ts";
import { requirementsErrors } from "./requirements-errors.ts";

/** One file to validate: its display name, its text and, optionally, what it is. */
export interface PolicyFileInput {
  readonly file: string;
  readonly text: string;
  /** The kind; detected from the file name, else from its keys, when omitted. */
  readonly kind?: PolicyKind;
  /**
   * Codex's own TOML parser verdict, when the caller can run it (the CLI uses the Rust parser
   * compiled to wasm): its error Display, or null when it parsed. Omitted ⇒ the JS parser's error
   * mapped onto Codex's wording.
   */
  readonly rustSyntaxError?: string | null;
}

/** What `validatePolicyFile` found: the kind it validated the file as, and the diagnostics in file order. */
export interface PolicyFileResult {
  readonly kind: PolicyKind;
  readonly diagnostics: Diagnostic[];
}

/** A validated file plus what the cross-file lints need (null when it did not parse). */
export interface AnalyzedPolicyFile extends PolicyFileResult {
  readonly lintInput: LintInput | null;
}

const registry = FEATURE_REGISTRIES["0.169.0"];

/** Orders diagnostics by position (file-level ones first), errors before warnings at the same spot. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2);
  return [...diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || rank(a) - rank(b),
  );
}

// The JS parser recurses per nesting level; Codex's parser stops at depth 80 with this error.
const TOO_DEEP: Finding = {
  code: "toml-syntax",
  severity: "error",
  message: "cannot recurse further; max recursion depth met",
  position: { line: 1, column: 1 },
};

function syntaxFinding(error: { message: string; line: number; column: number }): Finding {
  return {
    code: "toml-syntax",
    severity: "error",
    message: error.message,
    position: { line: error.line, column: error.column },
  };
}

/** Codex's parser verdict when given, else the JS parser's (its error mapped onto Codex's wording). */
function parseOrSyntaxError(text: string, rustSyntaxError: string | null | undefined): TomlDocument | Finding {
  try {
    if (typeof rustSyntaxError === "string") {
      const rust = parseRustDisplay(rustSyntaxError) ?? mappedTomlSyntaxError(text);
      return syntaxFinding(rust ?? { message: rustSyntaxError.trim(), line: 1, column: 1 });
    }
    const parsed = parseToml(text);
    if (parsed.ok) return parsed.document;
    return syntaxFinding(mappedTomlSyntaxError(text) ?? parsed.error);
  } catch (thrown) {
    if (thrown instanceof RangeError) return TOO_DEEP;
    throw thrown;
  }
}

/** Validates one file and keeps what the cross-file lints need. */
export function analyzePolicyFile(input: PolicyFileInput): AnalyzedPolicyFile {
  const document = parseOrSyntaxError(input.text, input.rustSyntaxError);
  if (!(document instanceof TomlDocument)) {
    const kind = detectPolicyKind(input.file, null, input.kind);
    return { kind, diagnostics: [diagnosticAt({ file: input.file, document: null }, document)], lintInput: null };
  }
  const table = document.value;
  const kind = detectPolicyKind(input.file, table, input.kind);
  const site: PolicySite = { file: input.file, document };
  const lintInput: LintInput = { file: input.file, text: input.text, document, table };
  const errors =
    kind === "requirements"
      ? requirementsErrors(input.file, table)
      : kind === "managed-config"
        ? managedConfigErrors(input.file, document, table, registry)
        : configErrors(input.file, document, table, registry);
  // A key that is an error (e.g. a profile key in the reserved `[permissions.network]`) is not also "unknown".
  const errorPaths = new Set(errors.map((finding) => JSON.stringify(finding.path ?? [])));
  const lints = LINTS_BY_KIND[kind]
    .flatMap((lint) => lint(lintInput))
    .filter((finding) => finding.code !== "unknown-key" || !errorPaths.has(JSON.stringify(finding.path ?? [])));
  const diagnostics = sortDiagnostics([...errors, ...lints].map((finding) => diagnosticAt(site, finding)));
  return { kind, diagnostics, lintInput };
}

/**
 * Checks one Codex policy file (`requirements.toml`, `managed_config.toml` or a `config.toml`) the
 * way Codex 0.169.0 would load it. Errors are exactly what makes Codex refuse the file, with
 * Codex's text; warnings are Warden's lints (see README.md). Pure: the caller reads the file.
 */
export function validatePolicyFile(input: PolicyFileInput): PolicyFileResult {
  const { kind, diagnostics } = analyzePolicyFile(input);
  return { kind, diagnostics };
}
