/** How bad a finding is: errors make Codex (or Warden) refuse the file; warnings and lints do not. */
export type Severity = "error" | "warning" | "info";

/**
 * One finding about an input file: a stable code, a message, and where it is
 * (1-based line and column; the dotted key path when the finding is about a key).
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  line: number | null;
  column: number | null;
  keyPath: string | null;
}

/**
 * Renders `file:line:col: key.path: message` (errors) or `file:line:col: key.path: warning: message`,
 * with the source line and a caret under the column when the text is given.
 */
export function renderDiagnostic(diagnostic: Diagnostic, sourceText?: string): string {
  const where = [diagnostic.file, diagnostic.line, diagnostic.column].filter((part) => part !== null).join(":");
  const key = diagnostic.keyPath ? `${diagnostic.keyPath}: ` : "";
  const severity = diagnostic.severity === "error" ? "" : `${diagnostic.severity}: `;
  const head = `${where}: ${key}${severity}${diagnostic.message}`;
  if (sourceText === undefined || diagnostic.line === null) return head;
  const line = sourceText.split(/\r?\n/)[diagnostic.line - 1];
  if (line === undefined) return head;
  const caret = `${" ".repeat(Math.max(0, (diagnostic.column ?? 1) - 1))}^`;
  return `${head}\n  ${line}\n  ${caret}`;
}
