/**
 * A port of `regex_lite`'s parser (regex-lite/src/hir/parse.rs), used to reproduce the exact
 * `invalid regex` messages of MCP matchers (requirements-spec §1.4) and to build a matchable HIR.
 * Error texts are regex_lite's constants; the behaviour was probed against Codex 0.169.0.
 */
import { RegexLiteClassParser } from "./regex-lite-class-parser.ts";
import { WS } from "./regex-lite-cursor.ts";
import {
  checkHirNesting,
  type Flags,
  type Hir,
  hirAlternation,
  hirConcat,
  type Look,
  NEST_LIMIT,
  POSIX,
  type Range,
} from "./regex-lite-hir.ts";

export { RegexLiteSyntaxError } from "./regex-lite-cursor.ts";

const META = new Set([..."\\.+*?()|[]{}^$#&-~"]);
const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const escapable = (c: string) => META.has(c) || ((c.codePointAt(0) ?? 128) < 128 && !/[0-9A-Za-z<>]/.test(c));

/** Parses a pattern like `regex_lite::Regex::new`, throwing `RegexLiteSyntaxError` on failure. */
export function parseRegexLite(pattern: string): Hir {
  return new Parser(pattern).parse();
}

class Parser extends RegexLiteClassParser {
  private depth = 0;
  private readonly names = new Set<string>();

  parse(): Hir {
    const hir = this.parseInner();
    if (!checkHirNesting(hir)) this.err("pattern has too much nesting");
    return hir;
  }

  private parseInner(): Hir {
    const depth = this.depth;
    if (depth > NEST_LIMIT) this.err("pattern has too much nesting");
    this.depth++;
    const alternates: Hir[] = [];
    let concat: Hir[] = [];
    for (;;) {
      this.bumpSpace();
      if (this.done()) break;
      const c = this.char();
      if (c === "(") {
        const saved = { ...this.flags };
        const sub = this.parseGroup();
        if (sub) {
          concat.push(sub);
          this.flags = saved;
        }
        if (this.chars[this.pos] !== ")") this.err("found open group without closing ')'");
        this.bump();
      } else if (c === ")") {
        if (depth === 0) this.err("found closing ')' without matching '('");
        break;
      } else if (c === "|") {
        alternates.push(hirConcat(concat));
        concat = [];
        this.bump();
      } else if (c === "[") concat.push(this.parseClass());
      else if (c === "?" || c === "*" || c === "+") concat = this.parseUncounted(concat);
      else if (c === "{") concat = this.parseCounted(concat);
      else concat.push(this.parsePrimitive());
    }
    this.depth--;
    alternates.push(hirConcat(concat));
    return hirAlternation(alternates);
  }

  private parsePrimitive(): Hir {
    const ch = this.char();
    this.bump();
    if (ch === "\\") return this.parseEscape();
    if (ch === ".") return this.hirDot();
    if (ch === "^") return { kind: "look", look: this.flags.m ? (this.flags.R ? "StartCRLF" : "StartLF") : "Start" };
    if (ch === "$") return { kind: "look", look: this.flags.m ? (this.flags.R ? "EndCRLF" : "EndLF") : "End" };
    return this.hirChar(ch);
  }

  protected parseEscape(): Hir {
    if (this.done()) this.err("saw start of escape sequence, but saw end of pattern before it finished");
    const ch = this.char();
    if (/[0-9]/.test(ch)) this.err("backreferences are not supported");
    if (ch === "p" || ch === "P") this.err("Unicode character classes are not supported");
    if (ch === "x" || ch === "u" || ch === "U") return this.parseHex();
    if (/[dswDSW]/.test(ch)) return this.parsePerlClass();
    this.bump();
    if (escapable(ch)) return this.hirChar(ch);
    const special: Record<string, string> = { a: "\x07", f: "\f", t: "\t", n: "\n", r: "\r", v: "\v" };
    if (special[ch] !== undefined) return this.hirChar(special[ch]);
    const looks: Record<string, Look> = { A: "Start", z: "End", B: "WordNegate", "<": "WordStart", ">": "WordEnd" };
    const look = looks[ch];
    if (look) return { kind: "look", look };
    if (ch === "b") {
      if (!this.done() && this.char() === "{") return this.maybeSpecialWordBoundary() ?? { kind: "look", look: "Word" };
      return { kind: "look", look: "Word" };
    }
    return this.err("unrecognized escape sequence");
  }

  private maybeSpecialWordBoundary(): Hir | undefined {
    const start = this.pos;
    if (!this.bumpAndBumpSpace()) this.err("found start of special word boundary or repetition without an end");
    const valid = (c: string) => /[A-Za-z-]/.test(c);
    if (!valid(this.char())) {
      this.pos = start;
      return undefined;
    }
    let name = "";
    while (!this.done() && valid(this.char())) {
      name += this.char();
      this.bumpAndBumpSpace();
    }
    if (this.done() || this.char() !== "}")
      this.err("special word boundary assertion is unclosed or has an invalid character");
    this.bump();
    const kinds: Record<string, Look> = {
      start: "WordStart",
      end: "WordEnd",
      "start-half": "WordStartHalf",
      "end-half": "WordEndHalf",
    };
    const look = kinds[name];
    return look ? { kind: "look", look } : this.err("special word boundary assertion is unrecognized");
  }

  private parseHex(): Hir {
    const digits = this.char() === "x" ? 2 : this.char() === "u" ? 4 : 8;
    if (!this.bumpAndBumpSpace()) this.err("expected hexadecimal number, but saw end of pattern first");
    let scratch = "";
    if (this.char() === "{") {
      while (this.bumpAndBumpSpace() && this.char() !== "}") {
        if (!isHex(this.char())) this.err("expected hexadecimal number in braces, but got non-hex digit");
        scratch += this.char();
      }
      if (this.done()) this.err("expected hexadecimal number, but saw end of pattern before closing brace");
      this.bumpAndBumpSpace();
      if (scratch === "") this.err("expected hexadecimal number in braces, but got no digits");
      return this.hexChar(scratch, "got invalid hexadecimal number in braces");
    }
    for (let i = 0; i < digits; i++) {
      if (i > 0 && !this.bumpAndBumpSpace())
        this.err("expected fixed length hexadecimal number, but saw end of pattern first");
      if (!isHex(this.char())) this.err("expected fixed length hexadecimal number, but got non-hex digit");
      scratch += this.char();
    }
    this.bumpAndBumpSpace();
    return this.hexChar(scratch, "got invalid fixed length hexadecimal number");
  }

  private hexChar(digits: string, invalid: string): Hir {
    const cp = digits.length > 8 ? Number.NaN : Number.parseInt(digits, 16);
    if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) this.err(invalid);
    return this.hirChar(String.fromCodePoint(cp));
  }

  private parseDecimal(): number {
    while (!this.done() && WS.test(this.char())) this.bump();
    let digits = "";
    while (!this.done() && /[0-9]/.test(this.char())) {
      digits += this.char();
      this.bumpAndBumpSpace();
    }
    while (!this.done() && WS.test(this.char())) this.bumpAndBumpSpace();
    if (digits === "") this.err("expected decimal number, but found no digits");
    const value = Number(digits);
    return value > 0xffffffff ? this.err("got invalid decimal number") : value;
  }

  private parseUncounted(concat: Hir[]): Hir[] {
    const sub = concat.pop() ?? this.err("uncounted repetition operator must be applied to a sub-expression");
    const op = this.char();
    const [min, max] = op === "?" ? [0, 1] : op === "*" ? [0, null] : [1, null];
    let greedy = true;
    if (this.bump() && this.char() === "?") {
      greedy = false;
      this.bump();
    }
    concat.push({ kind: "repetition", min, max, greedy: this.flags.U ? !greedy : greedy, sub });
    return concat;
  }

  private parseCounted(concat: Hir[]): Hir[] {
    const sub = concat.pop() ?? this.err("counted repetition operator must be applied to a sub-expression");
    if (!this.bumpAndBumpSpace()) this.err("found unclosed counted repetition operator");
    const min = this.parseDecimal();
    let max: number | null = min;
    if (this.done()) this.err("found incomplete and unclosed counted repetition operator");
    if (this.char() === ",") {
      if (!this.bumpAndBumpSpace()) this.err("found counted repetition operator with a comma that is unclosed");
      max = this.char() !== "}" ? this.parseDecimal() : null;
      if (this.done()) this.err("found counted repetition with min and max that is unclosed");
    }
    if (this.char() !== "}") this.err("expected closing brace for counted repetition, but got something else");
    let greedy = true;
    if (this.bumpAndBumpSpace() && this.char() === "?") {
      greedy = false;
      this.bump();
    }
    if (max !== null && min > max) this.err("found counted repetition with a min bigger than its max");
    concat.push({ kind: "repetition", min, max, greedy: this.flags.U ? !greedy : greedy, sub });
    return concat;
  }

  private parseGroup(): Hir | undefined {
    this.bumpAndBumpSpace();
    if (this.bumpIf("?=") || this.bumpIf("?!") || this.bumpIf("?<=") || this.bumpIf("?<!")) {
      this.err("look-around is not supported");
    }
    if (this.bumpIf("?P<") || this.bumpIf("?<")) {
      this.parseCaptureName();
      return { kind: "capture", sub: this.parseInner() };
    }
    if (this.bumpIf("?")) {
      if (this.done()) this.err("expected closing ')', but got end of pattern");
      const start = this.pos;
      this.flags = this.parseFlags();
      if (this.char() === ")") {
        if (this.pos === start) this.err("empty flag directive '(?)' is not allowed");
        return undefined;
      }
      this.bump();
      return this.parseInner();
    }
    return { kind: "capture", sub: this.parseInner() };
  }

  private parseCaptureName(): void {
    if (this.done()) this.err("expected capture group name, but got end of pattern");
    const start = this.pos;
    while (this.char() !== ">") {
      const c = this.char();
      const ok = this.pos === start ? c === "_" || /\p{Alphabetic}/u.test(c) : /[_.[\]\p{Alphabetic}\p{N}]/u.test(c);
      if (!ok) this.err("invalid group name");
      if (!this.bump()) break;
    }
    const name = this.chars.slice(start, this.pos).join("");
    if (this.done()) this.err("expected end of capture group name, but got end of pattern");
    this.bump();
    if (name === "") this.err("empty capture group names are not allowed");
    if (this.names.has(name)) this.err("duplicate capture group name");
    this.names.add(name);
  }

  private parseFlags(): Flags {
    const flags = { ...this.flags };
    let negate = false;
    let lastWasNegation = false;
    const seen = new Set<string>();
    while (this.char() !== ":" && this.char() !== ")") {
      const c = this.char();
      if (c === "-") {
        lastWasNegation = true;
        if (negate) this.err("inline flag negation cannot be repeated");
        negate = true;
      } else {
        lastWasNegation = false;
        if (!"imsURxu".includes(c)) this.err("unrecognized inline flag");
        if (c !== "u") flags[c as keyof Flags] = !negate;
        if (seen.has(c)) this.err("duplicate inline flag is not allowed");
        seen.add(c);
      }
      if (!this.bump()) this.err("expected ':' or ')' to end inline flags, but got end of pattern");
    }
    if (lastWasNegation) this.err("inline flags cannot end with negation directive");
    return flags;
  }

  private parsePerlClass(): Hir {
    const ch = this.char();
    this.bump();
    const name = /[dD]/.test(ch) ? "digit" : /[sS]/.test(ch) ? "space" : "word";
    return { kind: "class", ranges: POSIX[name] as Range[], fold: false, negate: ch === ch.toUpperCase() };
  }

  private hirDot(): Hir {
    if (this.flags.s) return { kind: "class", ranges: [[0, 0x10ffff]], fold: false, negate: false };
    const ranges: Range[] = this.flags.R
      ? [
          [0, 9],
          [11, 12],
          [14, 0x10ffff],
        ]
      : [
          [0, 9],
          [11, 0x10ffff],
        ];
    return { kind: "class", ranges, fold: false, negate: false };
  }

  protected hirChar(ch: string): Hir {
    const cp = ch.codePointAt(0) ?? 0;
    if (this.flags.i && /^[A-Za-z]$/.test(ch)) return { kind: "class", ranges: [[cp, cp]], fold: true, negate: false };
    return { kind: "char", cp };
  }
}
