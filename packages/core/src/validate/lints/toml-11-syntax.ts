import { parseTOML } from "toml-eslint-parser";
import type { Lint } from "./lint.ts";

/** Where and why a text is not TOML 1.0 (the TOML 1.0 parser's first complaint), or null when it is. */
export function toml10Complaint(text: string): { message: string; line: number; column: number } | null {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    parseTOML(source, { tomlVersion: "1.0" });
    return null;
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    return { message: String(e.message ?? error), line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1 };
  }
}

/**
 * `toml-1.1-syntax`: the file parses only as TOML 1.1 (multi-line or trailing-comma inline tables,
 * `\e` / `\xHH` escapes, times without seconds, …). Codex 0.169.0 reads it, but older Codex
 * releases, whose TOML parser is 1.0-only, refuse the whole file, and so do most other TOML tools.
 */
export const toml11Syntax: Lint = ({ text, document }) => {
  if (!document.requiresToml11) return [];
  const complaint = toml10Complaint(text);
  return [
    {
      code: "toml-1.1-syntax",
      severity: "warning",
      message: `TOML 1.1-only syntax (${complaint?.message ?? "not valid TOML 1.0"}): Codex 0.169.0 accepts it, but older Codex releases and most TOML 1.0 tools reject the whole file. Use TOML 1.0: inline tables on one line without a trailing comma, \`\\u001b\` / \`\\u00XX\` instead of \`\\e\` / \`\\xXX\`, times with seconds.`,
      ...(complaint ? { position: { line: complaint.line, column: complaint.column } } : {}),
    },
  ];
};
