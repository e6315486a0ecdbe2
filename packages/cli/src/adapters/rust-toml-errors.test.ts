import { describe, expect, it } from "vitest";
import { rustTomlSyntaxError } from "./rust-toml-errors.ts";

// Each expected text was printed by codex 0.169.0 for the same input in
// /etc/codex/requirements.toml (`codex app-server --print-startup-config`, error detail).
describe("rustTomlSyntaxError", () => {
  it.each([
    [
      "a = \n",
      "TOML parse error at line 1, column 5\n  |\n1 | a = \n  |     ^\nstring values must be quoted, expected literal string\n",
    ],
    ["a = 1\na = 2\n", "TOML parse error at line 2, column 1\n  |\n2 | a = 2\n  | ^\nduplicate key\n"],
    [
      "a = [1,\n",
      "TOML parse error at line 1, column 8\n  |\n1 | a = [1,\n  |        ^\nunclosed array, expected `]`\n",
    ],
    [
      "a = [1, # c\n",
      "TOML parse error at line 1, column 8\n  |\n1 | a = [1, # c\n  |        ^\nunclosed array, expected `]`\n",
    ],
    [
      "a = [1,\n\n  \n",
      "TOML parse error at line 1, column 8\n  |\n1 | a = [1,\n  |        ^\nunclosed array, expected `]`\n",
    ],
    [
      "a = [\n  1,\n  2\n",
      "TOML parse error at line 3, column 4\n  |\n3 |   2\n  |    ^\nunclosed array, expected `]`\n",
    ],
    [
      "a = {b = 1\n\n",
      "TOML parse error at line 1, column 11\n  |\n1 | a = {b = 1\n  |           ^\nunclosed inline table, expected `}`\n",
    ],
    [
      'a = "x\n',
      'TOML parse error at line 1, column 7\n  |\n1 | a = "x\n  |       ^\ninvalid basic string, expected `"`\n',
    ],
  ])("renders %j as Codex does", async (text, expected) => {
    expect(await rustTomlSyntaxError(text)).toBe(expected);
  });

  it("returns null for valid TOML, including TOML 1.1 syntax Codex 0.169.0 accepts", async () => {
    expect(await rustTomlSyntaxError('a = "\\e"\nb = {\n c = 1,\n}\n')).toBeNull();
  });
});
