import { describe, expect, it } from "vitest";
import { codexTomlSyntaxError, parseRustDisplay, renderTomlErrorDisplay } from "./toml-syntax-error.ts";

// Observed from the binary: the file as `$CODEX_HOME/config.toml`, then `codex debug prompt-input`
// prints `Error: <file>:<line>:<column>: <message>`. These rows are reproduced without the Rust port.
const observed: Array<[string, number, number, string]> = [
  ['model = "x"\nfoo = \n', 2, 7, "string values must be quoted, expected literal string"],
  ['foo = "unterminated\n', 1, 20, 'invalid basic string, expected `"`'],
  ["a = 1\na = 2\n", 2, 1, "duplicate key"],
  ["[t]\nx=1\n[t]\ny=2\n", 3, 2, "duplicate key"],
  ["[t\nx=1\n", 1, 3, "unclosed table, expected `]`"],
  ["a = [1, 2\n", 1, 10, "unclosed array, expected `]`"],
  ["a = {x = 1\n", 1, 11, "unclosed inline table, expected `}`"],
  ["= 1\n", 1, 1, "unquoted keys cannot be empty, expected letters, numbers, `-`, `_`"],
  ['a = "x"\n\n\nb = \'y\n', 4, 7, "invalid literal string, expected `'`"],
  ['a = "\\q"\n', 1, 7, 'missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `"`, `x`, `u`, `U`'],
  ['model = "x" # ok\nbad line here\n', 2, 5, "key with no value, expected `=`"],
];

describe("codexTomlSyntaxError without the Rust port", () => {
  it.each(observed)("%j ⇒ %i:%i %s", async (text, line, column, message) => {
    const error = await codexTomlSyntaxError(text, null);
    expect(error && { line: error.line, column: error.column, message: error.message }).toEqual({
      line,
      column,
      message,
    });
  });

  it("returns null for valid TOML", async () => {
    expect(await codexTomlSyntaxError('a = 1\n[t]\nb = "x"\n', null)).toBeNull();
  });

  // Observed from the binary: `Error parsing project config file …: TOML parse error at line 1, column 9 …`.
  it("renders the toml crate's span-style Display", () => {
    expect(renderTomlErrorDisplay("model = \n", 1, 9, "string values must be quoted, expected literal string")).toBe(
      "TOML parse error at line 1, column 9\n  |\n1 | model = \n  |         ^\nstring values must be quoted, expected literal string\n",
    );
  });
});

describe("codexTomlSyntaxError with the Rust port", () => {
  it("takes the port's text and position", async () => {
    const display =
      "TOML parse error at line 1, column 5\n  |\n1 | a = tru\n  |     ^^^\ninvalid boolean, expected `true`\n";
    const error = await codexTomlSyntaxError("a = tru\n", async () => display);
    expect(error).toEqual({ message: "invalid boolean, expected `true`", line: 1, column: 5, display });
  });

  it("clamps a column past the end of the line to the newline (observed 1:10 for `a = [1, 2`)", async () => {
    const display =
      "TOML parse error at line 1, column 11\n  |\n1 | a = [1, 2\n  |           ^\nunclosed array, expected `]`\n";
    const error = await codexTomlSyntaxError("a = [1, 2\n", async () => display);
    expect(error?.column).toBe(10);
    expect(error?.display).toContain("column 10");
  });

  it("parses a display back into parts", () => {
    expect(parseRustDisplay("not a toml error")).toBeNull();
  });
});
