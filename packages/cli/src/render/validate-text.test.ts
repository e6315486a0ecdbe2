import type { Diagnostic } from "@warden/core";
import { describe, expect, it } from "vitest";
import type { ValidateReport } from "./validate-report.ts";
import { renderValidateText } from "./validate-text.ts";

const diagnostic = (overrides: Partial<Diagnostic>): Diagnostic => ({
  code: "unknown-key",
  severity: "warning",
  message: "m",
  file: "a.toml",
  line: 1,
  column: 1,
  keyPath: null,
  ...overrides,
});

function report(files: Array<[string, Diagnostic[]]>): ValidateReport {
  const all = files.flatMap(([, d]) => d);
  return {
    files: files.map(([file, diagnostics]) => ({ file, kind: "config", diagnostics })),
    errorCount: all.filter((d) => d.severity === "error").length,
    warningCount: all.filter((d) => d.severity === "warning").length,
  };
}

describe("renderValidateText", () => {
  it.each([
    ["nothing found", report([["a.toml", []]]), "1 file checked: no problems found.\n"],
    [
      "an error with its caret",
      report([
        [
          "a.toml",
          [diagnostic({ severity: "error", code: "config-type", message: "bad", column: 5, keyPath: "model" })],
        ],
      ]),
      "a.toml:1:5: model: bad [config-type]\n  model = 1\n      ^\n\n1 file checked: 1 error in 1 file, 0 warnings.\n",
    ],
    [
      "a warning without a position",
      report([
        ["a.toml", [diagnostic({ line: null, column: null })]],
        ["b.toml", []],
      ]),
      "a.toml: warning: m [unknown-key]\n\n2 files checked: no errors, 1 warning.\n",
    ],
  ])("%s", (_name, input, expected) => {
    expect(renderValidateText(input, new Map([["a.toml", "model = 1\n"]]))).toBe(expected);
  });
});
