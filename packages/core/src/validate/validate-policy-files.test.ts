import { describe, expect, it } from "vitest";
import { validatePolicyFiles } from "./validate-policy-files.ts";

describe("validatePolicyFiles", () => {
  it.each([
    [
      "managed config loosening the requirements of the same set",
      [
        ["/etc/codex/requirements.toml", 'allowed_approval_policies = ["on-request"]\n'],
        ["/etc/codex/managed_config.toml", 'approval_policy = "never"\n'],
      ],
      [[], ["1:19 managed-config-loosens-requirements"]],
    ],
    ["managed config alone", [["/etc/codex/managed_config.toml", 'approval_policy = "never"\n']], [[]]],
    [
      "a requirements file that does not parse",
      [
        ["/etc/codex/requirements.toml", "allowed_approval_policies = [\n"],
        ["/etc/codex/managed_config.toml", 'approval_policy = "never"\n'],
      ],
      [["1:30 toml-syntax"], []],
    ],
  ])("%s", (_name, files, expected) => {
    const reports = validatePolicyFiles(files.map(([file, text]) => ({ file: file!, text: text! })));
    expect(reports.map((r) => r.file)).toEqual(files.map(([file]) => file));
    expect(reports.map((r) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`))).toEqual(expected);
  });
});
