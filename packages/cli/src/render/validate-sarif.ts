import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { type Diagnostic, VALIDATE_RULES } from "@warden/core";
import type { ValidateReport } from "./validate-report.ts";

const SRCROOT = "%SRCROOT%";

/** An artifact location: repository-relative when the file is under `cwd` (what code scanning needs), else a file URL. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const inside = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(inside) || inside.startsWith("..")) return { uri: pathToFileURL(file).href };
  return { uri: inside.split(sep).join("/").replace(/^\.\//, ""), uriBaseId: SRCROOT };
}

function level(diagnostic: Diagnostic): "error" | "warning" | "note" {
  return diagnostic.severity === "info" ? "note" : diagnostic.severity;
}

/**
 * A validate run as SARIF 2.1.0 for GitHub code scanning: one run of the `warden` driver whose
 * rules are the diagnostic codes, and one result per diagnostic located by line and column.
 */
export function renderValidateSarif(report: ValidateReport, cwd: string): Record<string, unknown> {
  const ids = Object.keys(VALIDATE_RULES);
  const rules = ids.map((id) => ({
    id,
    shortDescription: { text: VALIDATE_RULES[id]!.summary },
    defaultConfiguration: { level: VALIDATE_RULES[id]!.severity === "error" ? "error" : "warning" },
  }));
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((diagnostic) => ({
      ruleId: diagnostic.code,
      ...(ids.includes(diagnostic.code) ? { ruleIndex: ids.indexOf(diagnostic.code) } : {}),
      level: level(diagnostic),
      message: { text: diagnostic.keyPath ? `${diagnostic.keyPath}: ${diagnostic.message}` : diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file.file, cwd),
            region: {
              startLine: diagnostic.line ?? 1,
              ...(diagnostic.column !== null ? { startColumn: diagnostic.column } : {}),
            },
          },
        },
      ],
    })),
  );
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "warden", version: "0.1.0", semanticVersion: "0.1.0", rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : `${cwd}${sep}`).href } },
        results,
      },
    ],
  };
}
