import type { Diagnostic } from "../../diagnostics/diagnostic.ts";
import { parseToml } from "../../toml/parse-toml.ts";
import { diagnosticAt } from "../diagnostic-at.ts";
import type { Lint, LintInput } from "./lint.ts";

/** Test helper: parses TOML text into a lint input (throws on a syntax error). */
export function lintInputOf(text: string, file = "/etc/codex/requirements.toml"): LintInput {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.error.message}`);
  return { file, text, document: parsed.document, table: parsed.document.value };
}

/** Test helper: runs one lint on TOML text and returns located diagnostics. */
export function runLint(lint: Lint, text: string, file?: string): Diagnostic[] {
  const input = lintInputOf(text, file);
  return lint(input).map((finding) => diagnosticAt({ file: input.file, document: input.document }, finding));
}

/** Test helper: `line:col keyPath` of each diagnostic, the compact form the lint tables compare. */
export function where(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.keyPath ?? ""}`.trimEnd());
}
