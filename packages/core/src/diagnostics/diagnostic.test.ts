import { describe, expect, it } from "vitest";
import { type Diagnostic, renderDiagnostic } from "./diagnostic.ts";

const base: Diagnostic = {
  code: "invalid_type",
  severity: "error",
  message: 'invalid type: string "never", expected a sequence',
  file: "requirements.toml",
  line: 2,
  column: 29,
  keyPath: "allowed_approval_policies",
};

describe("renderDiagnostic", () => {
  it("renders file:line:col: severity: key.path: message", () => {
    expect(renderDiagnostic(base)).toBe(
      'requirements.toml:2:29: allowed_approval_policies: invalid type: string "never", expected a sequence',
    );
  });
  it("adds the source line and a caret under the column", () => {
    const text = '# policy\nallowed_approval_policies = "never"\n';
    expect(renderDiagnostic(base, text).split("\n")).toEqual([
      'requirements.toml:2:29: allowed_approval_policies: invalid type: string "never", expected a sequence',
      '  allowed_approval_policies = "never"',
      `  ${" ".repeat(28)}^`,
    ]);
  });
  it("marks warnings", () => {
    expect(renderDiagnostic({ ...base, severity: "warning", message: "unknown key" })).toBe(
      "requirements.toml:2:29: allowed_approval_policies: warning: unknown key",
    );
  });
  it("omits unknown positions and key paths", () => {
    expect(renderDiagnostic({ ...base, line: null, column: null, keyPath: null })).toBe(
      'requirements.toml: invalid type: string "never", expected a sequence',
    );
  });
});
