import { renderDiagnostic } from "@warden/core";
import type { ValidateReport } from "./validate-report.ts";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Renders a validate run for people: each diagnostic as `file:line:col: key.path: message [code]`
 * with its source line and a caret, then one summary line.
 */
export function renderValidateText(report: ValidateReport, texts: ReadonlyMap<string, string>): string {
  const blocks: string[] = [];
  for (const file of report.files) {
    for (const diagnostic of file.diagnostics) {
      blocks.push(
        renderDiagnostic(
          { ...diagnostic, message: `${diagnostic.message} [${diagnostic.code}]` },
          texts.get(file.file),
        ),
      );
    }
  }
  const withErrors = report.files.filter((file) => file.diagnostics.some((d) => d.severity === "error")).length;
  const checked = plural(report.files.length, "file");
  let summary: string;
  if (report.errorCount === 0 && report.warningCount === 0) summary = `${checked} checked: no problems found.`;
  else {
    const errors =
      report.errorCount === 0 ? "no errors" : `${plural(report.errorCount, "error")} in ${plural(withErrors, "file")}`;
    summary = `${checked} checked: ${errors}, ${plural(report.warningCount, "warning")}.`;
  }
  return `${blocks.map((block) => `${block}\n`).join("")}${blocks.length > 0 ? "\n" : ""}${summary}\n`;
}
