/**
 * `regex_lite` emulation for MCP value matchers (requirements-spec §1.4): syntax checking with
 * regex_lite's own messages (ported parser), matching through re2js on a translated pattern.
 *
 * Translation gaps (approximations, see README): `\<`, `\>`, `\b{start}`/`{end}`/`-half` become
 * `\b`; CRLF-mode (`(?R)`) line anchors become LF anchors; repetition counts above 1000 (RE2's
 * limit) make the pattern unmatchable here.
 */
import { createRequire } from "node:module";
import type { RE2JS } from "re2js";
import { classRanges, type Hir, type Range } from "./regex-lite-hir.ts";
import { parseRegexLite, RegexLiteSyntaxError } from "./regex-lite-parser.ts";

/** Result of compiling a regex_lite pattern. */
export type RegexLiteCompile =
  | { readonly ok: true; readonly hir: Hir }
  | { readonly ok: false; readonly message: string };

/** Compiles like `regex_lite::Regex::new`; `message` is the regex_lite error Display. */
export function compileRegexLite(pattern: string): RegexLiteCompile {
  try {
    return { ok: true, hir: parseRegexLite(pattern) };
  } catch (error) {
    if (error instanceof RegexLiteSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;

function rangesToRe2(ranges: readonly Range[]): string {
  if (ranges.length === 0) return "[^\\x{0}-\\x{10ffff}]";
  return `[${ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join("")}]`;
}

const LOOKS: Record<string, string> = {
  Start: "\\A",
  End: "\\z",
  StartLF: "(?m:^)",
  EndLF: "(?m:$)",
  StartCRLF: "(?m:^)",
  EndCRLF: "(?m:$)",
  Word: "\\b",
  WordNegate: "\\B",
  WordStart: "\\b",
  WordEnd: "\\b",
  WordStartHalf: "\\b",
  WordEndHalf: "\\b",
};

/** Renders the regex_lite HIR as an equivalent RE2 pattern (ASCII-only classes, explicit ranges). */
export function hirToRe2(hir: Hir): string {
  switch (hir.kind) {
    case "empty":
      return "(?:)";
    case "char":
      return hex(hir.cp);
    case "class":
      return rangesToRe2(classRanges(hir));
    case "look":
      return LOOKS[hir.look] ?? "";
    case "capture":
      return `(?:${hirToRe2(hir.sub)})`;
    case "concat":
      return hir.subs.map(hirToRe2).join("");
    case "alternation":
      return `(?:${hir.subs.map(hirToRe2).join("|")})`;
    case "repetition": {
      const counts = hir.max === null ? `{${hir.min},}` : `{${hir.min},${hir.max}}`;
      return `(?:${hirToRe2(hir.sub)})${counts}${hir.greedy ? "" : "?"}`;
    }
  }
}

let re2js: typeof RE2JS | null = null;

/** re2js (150 KB) is loaded on the first match only: validation needs just the ported parser. */
function loadRe2(): typeof RE2JS {
  re2js ??= (createRequire(import.meta.url)("re2js") as { RE2JS: typeof RE2JS }).RE2JS;
  return re2js;
}

/** A compiled regex_lite pattern that can be searched with `is_match` semantics. */
export class RegexLite {
  private re2: RE2JS | undefined | null = null;

  private constructor(private readonly hir: Hir) {}

  /** Compiles or returns regex_lite's error message. */
  static compile(pattern: string): RegexLite | { readonly error: string } {
    const compiled = compileRegexLite(pattern);
    return compiled.ok ? new RegexLite(compiled.hir) : { error: compiled.message };
  }

  /** `Regex::is_match` (unanchored search; anchors are part of the pattern). */
  isMatch(candidate: string): boolean {
    if (this.re2 === null) {
      try {
        this.re2 = loadRe2().compile(hirToRe2(this.hir));
      } catch {
        this.re2 = undefined;
      }
    }
    return this.re2?.matcher(candidate).find() ?? false;
  }
}
