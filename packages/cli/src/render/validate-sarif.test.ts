import type { Diagnostic } from "@warden/core";
import { VALIDATE_RULES } from "@warden/core";
import { describe, expect, it } from "vitest";
import { renderValidateSarif } from "./validate-sarif.ts";

const diagnostic: Diagnostic = {
  code: "requirements-type",
  severity: "error",
  message: "unknown variant `eu`, expected `us`",
  file: "",
  line: 2,
  column: 21,
  keyPath: "enforce_residency",
};

function sarifFor(file: string, d: Partial<Diagnostic> = {}) {
  const sarif = renderValidateSarif(
    {
      files: [{ file, kind: "requirements", diagnostics: [{ ...diagnostic, file, ...d }] }],
      errorCount: 1,
      warningCount: 0,
    },
    "/repo",
  ) as { runs: Array<{ results: Array<Record<string, unknown>>; tool: { driver: { rules: Array<{ id: string }> } } }> };
  return sarif.runs[0]!;
}

describe("renderValidateSarif", () => {
  it.each([
    ["a relative path", "policies/requirements.toml", { uri: "policies/requirements.toml", uriBaseId: "%SRCROOT%" }],
    [
      "an absolute path under the cwd",
      "/repo/policies/requirements.toml",
      { uri: "policies/requirements.toml", uriBaseId: "%SRCROOT%" },
    ],
    ["a path outside the cwd", "/etc/codex/requirements.toml", { uri: "file:///etc/codex/requirements.toml" }],
    ["a ./ path", "./requirements.toml", { uri: "requirements.toml", uriBaseId: "%SRCROOT%" }],
  ])("locates %s", (_name, file, location) => {
    const [result] = sarifFor(file).results;
    expect(result).toMatchObject({
      ruleId: "requirements-type",
      level: "error",
      message: { text: "enforce_residency: unknown variant `eu`, expected `us`" },
      locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: 2, startColumn: 21 } } }],
    });
  });

  it.each([
    ["a warning", { severity: "warning" as const }, "warning", { startLine: 2, startColumn: 21 }],
    ["no position (an unreadable file)", { line: null, column: null, keyPath: null }, "error", { startLine: 1 }],
  ])("maps %s", (_name, overrides, level, region) => {
    const [result] = sarifFor("a.toml", overrides).results;
    expect(result).toMatchObject({ level, locations: [{ physicalLocation: { region } }] });
  });

  it("declares every rule, and results point at theirs", () => {
    const run = sarifFor("a.toml");
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(Object.keys(VALIDATE_RULES));
    const [result] = run.results;
    expect(run.tool.driver.rules[result!.ruleIndex as number]!.id).toBe("requirements-type");
  });
});
