/**
 * The Display of a `regex` crate syntax error (`regex_syntax::error::Formatter`), which Codex
 * prints after `invalid matcher "…" in <path>: ` (hooks-execpolicy-spec §1.4).
 */

/** A character index into the pattern (code points), as regex-syntax's `Position` counts columns. */
export interface RegexSpan {
  readonly start: number;
  readonly end: number;
}

/** A regex syntax error: regex-syntax's message, its span and an optional second span. */
export interface RegexSyntaxError {
  readonly message: string;
  readonly span: RegexSpan;
  readonly auxSpan?: RegexSpan;
}

interface LineColumn {
  line: number;
  column: number;
}

function locate(chars: readonly string[], index: number): LineColumn {
  let line = 1;
  let column = 1;
  for (let i = 0; i < index && i < chars.length; i++) {
    if (chars[i] === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/** Renders the error exactly as `regex::Error`'s Display does for a syntax error. */
export function formatRegexError(pattern: string, error: RegexSyntaxError): string {
  const chars = Array.from(pattern);
  const lines = pattern.split("\n").map((line) => line.replace(/\r$/, ""));
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  let lineCount = lines.length;
  if (pattern.endsWith("\n")) lineCount++;
  const width = lineCount <= 1 ? 0 : String(lineCount).length;
  const byLine: Array<Array<[LineColumn, LineColumn]>> = Array.from({ length: lineCount }, () => []);
  const multiLine: Array<[LineColumn, LineColumn]> = [];
  for (const span of [error.span, error.auxSpan]) {
    if (!span) continue;
    const start = locate(chars, span.start);
    const end = locate(chars, span.end);
    if (start.line === end.line) byLine[start.line - 1]?.push([start, end]);
    else multiLine.push([start, end]);
  }
  let notated = "";
  lines.forEach((line, i) => {
    notated += width > 0 ? `${String(i + 1).padStart(width)}: ${line}\n` : `    ${line}\n`;
    const spans = (byLine[i] ?? []).sort((a, b) => a[0].column - b[0].column || a[1].column - b[1].column);
    if (spans.length === 0) return;
    let notes = " ".repeat(width === 0 ? 4 : 2 + width);
    let pos = 0;
    for (const [start, end] of spans) {
      for (; pos < start.column - 1; pos++) notes += " ";
      const length = Math.max(1, end.column - start.column);
      notes += "^".repeat(length);
      pos += length;
    }
    notated += `${notes}\n`;
  });
  if (!pattern.includes("\n")) return `regex parse error:\n${notated}error: ${error.message}`;
  const divider = "~".repeat(79);
  let out = `regex parse error:\n${divider}\n${notated}${divider}\n`;
  if (multiLine.length > 0) {
    out += `${multiLine
      .map(([s, e]) => `on line ${s.line} (column ${s.column}) through line ${e.line} (column ${e.column})`)
      .join("\n")}\n`;
  }
  return `${out}error: ${error.message}`;
}
