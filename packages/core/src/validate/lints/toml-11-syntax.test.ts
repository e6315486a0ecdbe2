import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { toml10Complaint, toml11Syntax } from "./toml-11-syntax.ts";

describe("toml11Syntax", () => {
  it.each([
    ["multi-line inline table", "a = {b = 1,\n c = 2}\n", ["2:2"], "No newlines are allowed"],
    ["trailing comma in an inline table", "a = {b = 1,}\n", ["1:12"], "Trailing comma"],
    ["\\e escape", 'a = "\\e[0m"\n', ["1:7"], "escape"],
    ["time without seconds", "a = 07:30\n", ["1:10"], ""],
    ["plain TOML 1.0", 'a = {b = 1, c = "\\u001b"}\n', [], ""],
  ])("%s", (_name, text, expected, fragment) => {
    const found = runLint(toml11Syntax, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d).toMatchObject({ code: "toml-1.1-syntax", severity: "warning" });
      expect(d.message).toContain(fragment);
    }
  });

  it("toml10Complaint is null for TOML 1.0 text", () => {
    expect(toml10Complaint("a = 1\n")).toBeNull();
  });
});
