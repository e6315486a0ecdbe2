import { parseToml } from "../toml/parse-toml.ts";

/** A TOML syntax error as Codex reports it: the `toml` crate's message and 1-based position, plus its span-style Display. */
export interface CodexTomlSyntaxError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** `toml::de::Error`'s Display: `TOML parse error at line L, column C`, the source line, a caret and the message. */
  readonly display: string;
}

/** Codex's exact TOML error text for a document (the Rust parser, e.g. compiled to wasm), or null when it parses. */
export type RustTomlSyntaxErrorPort = (text: string) => Promise<string | null>;

/**
 * The syntax error Codex reports for `text`, or null when the text parses. With `rustPort` the
 * text comes from the Rust `toml` parser itself (exact, up to the column of errors at a line end);
 * without it the JS parser's error is mapped onto the Rust wording for the common cases listed in
 * README.md and passed through otherwise.
 */
export async function codexTomlSyntaxError(
  text: string,
  rustPort: RustTomlSyntaxErrorPort | null,
): Promise<CodexTomlSyntaxError | null> {
  if (rustPort) {
    const display = await rustPort(text);
    if (display === null) return null;
    const parsed = parseRustDisplay(display);
    if (parsed) return clampToLineEnd(text, parsed);
  }
  return mappedTomlSyntaxError(text);
}

/** The JS parser's syntax error for `text` mapped onto Codex's wording (no Rust port), or null when it parses. */
export function mappedTomlSyntaxError(text: string): CodexTomlSyntaxError | null {
  const result = parseToml(text);
  if (result.ok) return null;
  const mapped = mapJsError(text, result.error.message, result.error.line, result.error.column);
  return { ...mapped, display: renderTomlErrorDisplay(text, mapped.line, mapped.column, mapped.message) };
}

// The wasm build of the Rust parser reports an unclosed array/table one column past the line's end;
// 0.169.0 reports the newline itself (probed: `a = [1, 2` ⇒ 1:10).
function clampToLineEnd(text: string, error: CodexTomlSyntaxError): CodexTomlSyntaxError {
  const lineEnd = [...(text.split("\n")[error.line - 1] ?? "").replace(/\r$/, "")].length + 1;
  if (error.column <= lineEnd) return error;
  return { ...error, column: lineEnd, display: renderTomlErrorDisplay(text, error.line, lineEnd, error.message) };
}

/** Reads `TOML parse error at line L, column C … message` back into its parts. */
export function parseRustDisplay(display: string): CodexTomlSyntaxError | null {
  const lines = display.split("\n");
  const head = /^TOML parse error at line (\d+), column (\d+)$/.exec(lines[0] ?? "");
  if (!head) return null;
  const message = lines.slice(4).join("\n").replace(/\n+$/, "");
  return { message, line: Number(head[1]), column: Number(head[2]), display };
}

/** The `toml` crate's span-style Display for an error at `line:column` (one caret). */
export function renderTomlErrorDisplay(text: string, line: number, column: number, message: string): string {
  const source = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
  const gutter = " ".repeat(String(line).length);
  return `TOML parse error at line ${line}, column ${column}\n${gutter} |\n${line} | ${source}\n${gutter} | ${" ".repeat(column - 1)}^\n${message}\n`;
}

// End of the line before `line` (Rust reports unclosed constructs at the newline that ends them).
function endOfPreviousLine(text: string, line: number): { line: number; column: number } {
  const previous = Math.max(1, line - 1);
  return { line: previous, column: [...(text.split("\n")[previous - 1] ?? "")].length + 1 };
}

function mapJsError(text: string, message: string, line: number, column: number) {
  const at = (wording: string, position = { line, column }) => ({ message: wording, ...position });
  switch (message) {
    case "Unspecified values are invalid":
      return at("string values must be quoted, expected literal string", endOfPreviousLine(text, line));
    case "Unterminated array":
      return at("unclosed array, expected `]`", endOfPreviousLine(text, line));
    case "Unterminated inline table":
      return at("unclosed inline table, expected `}`", endOfPreviousLine(text, line));
    case "The key, equals sign, and value must be on the same line":
      return at("unclosed table, expected `]`", endOfPreviousLine(text, line));
    case "Defining a key multiple times is invalid":
      return at("duplicate key");
    case "Must be a newline":
      return at("unexpected key or value, expected newline, `#`");
    case "Expected equal (=) token":
      return at("key with no value, expected `=`");
    case "Unexpected token":
      return at("unquoted keys cannot be empty, expected letters, numbers, `-`, `_`");
    case "Invalid character in escape sequence":
      return at('missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `"`, `x`, `u`, `U`');
    case "Unterminated string constant":
      return at(unterminatedStringWording(text, line));
    default:
      return at(message);
  }
}

function unterminatedStringWording(text: string, line: number): string {
  const source = text.split("\n")[line - 1] ?? "";
  if (source.includes('"""')) return 'invalid multi-line basic string, expected `"`';
  if (source.includes("'''")) return "invalid multi-line literal string, expected `'`";
  const afterEquals = source.slice(source.indexOf("=") + 1);
  const quote = /["']/.exec(afterEquals)?.[0];
  return quote === "'" ? "invalid literal string, expected `'`" : 'invalid basic string, expected `"`';
}
