import { type Primitive, RegexFailure } from "./rust-regex-cursor.ts";
import { formatRegexError, type RegexSpan } from "./rust-regex-error.ts";
import { RegexEscapeParser } from "./rust-regex-escape.ts";

/**
 * Checks a pattern the way `regex::Regex::new` (regex-syntax 0.8 `ast::parse::ParserI`) parses
 * it and returns Codex's error text, or null when it compiles. Ported from the parser's rules
 * (which constructs fail, with which message and span); probed cases: rust-regex-check.test.ts.
 * Not modelled: the compiled-size limit, the nesting limit and byte-oriented `(?-u)` errors.
 */
export function checkRustRegex(pattern: string): string | null {
  try {
    new RegexParser(pattern).parse();
    return null;
  } catch (error) {
    if (error instanceof RegexFailure) return formatRegexError(pattern, error.detail);
    throw error;
  }
}

type Item = "atom" | "flags";
type GroupState = { kind: "group"; items: Item[]; span: RegexSpan; ignoreWhitespace: boolean } | { kind: "alt" };

const ASCII_CLASSES = new Set(
  "alnum alpha ascii blank cntrl digit graph lower print punct space upper word xdigit".split(" "),
);
const FLAGS = new Set("imsUuRx");
const LOOKAROUND = ["?=", "?!", "?<=", "?<!"];

/** regex-syntax's `ParserI`: concatenation, alternation, groups, flags, repetition and classes. */
class RegexParser extends RegexEscapeParser {
  private readonly groups: GroupState[] = [];
  private readonly captureNames = new Map<string, RegexSpan>();

  parse(): void {
    let items: Item[] = [];
    for (;;) {
      this.bumpSpace();
      if (this.eof()) break;
      const c = this.char();
      if (c === "(") items = this.pushGroup(items);
      else if (c === ")") items = this.popGroup();
      else if (c === "|") {
        if (this.groups[this.groups.length - 1]?.kind !== "alt") this.groups.push({ kind: "alt" });
        this.bump();
        items = [];
      } else if (c === "[") {
        this.parseClass();
        items.push("atom");
      } else if (c === "?" || c === "*" || c === "+") {
        this.checkOperand(items);
        if (this.bump() && this.char() === "?") this.bump();
      } else if (c === "{") this.parseCounted(items);
      else {
        this.parsePrimitive();
        items.push("atom");
      }
    }
    let top = this.groups.pop();
    if (top?.kind === "alt") top = this.groups.pop();
    if (top?.kind === "group") this.fail("unclosed group", top.span);
  }

  private checkOperand(items: Item[]): void {
    const last = items.pop();
    if (last === undefined || last === "flags") this.fail("repetition operator missing expression", this.here());
    items.push("atom");
  }

  private parseCounted(items: Item[]): void {
    const start = this.pos;
    this.checkOperand(items);
    const unclosed = (): never => this.fail("unclosed counted repetition", { start, end: this.pos });
    if (!this.bumpAndSpace()) unclosed();
    const low = this.parseDecimal();
    let high = low;
    if (this.eof()) unclosed();
    if (this.char() === ",") {
      if (!this.bumpAndSpace()) unclosed();
      high = this.char() === "}" ? Number.POSITIVE_INFINITY : this.parseDecimal();
    }
    if (this.eof() || this.char() !== "}") unclosed();
    if (this.bumpAndSpace() && this.char() === "?") this.bump();
    if (low > high) this.fail("invalid repetition count range, the start must be <= the end", { start, end: this.pos });
  }

  private parseDecimal(): number {
    while (!this.eof() && /\s/u.test(this.char())) this.bump();
    const start = this.pos;
    let digits = "";
    while (!this.eof() && this.char() >= "0" && this.char() <= "9") {
      digits += this.char();
      this.bumpAndSpace();
    }
    const span = { start, end: this.pos };
    while (!this.eof() && /\s/u.test(this.char())) this.bumpAndSpace();
    if (digits === "") this.fail("repetition quantifier expects a valid decimal", span);
    const value = Number(digits);
    if (value > 0xffffffff) this.fail("decimal literal invalid", span);
    return value;
  }

  private pushGroup(items: Item[]): Item[] {
    const open = this.charSpan();
    this.bump();
    this.bumpSpace();
    if (LOOKAROUND.some((prefix) => this.bumpIf(prefix))) {
      this.fail("look-around, including look-ahead and look-behind, is not supported", {
        start: open.start,
        end: this.pos,
      });
    }
    const inner = this.here();
    let ignoreWhitespace = this.ignoreWhitespace;
    if (this.bumpIf("?P<") || this.bumpIf("?<")) this.parseCaptureName();
    else if (this.bumpIf("?")) {
      if (this.eof()) this.fail("unclosed group", open);
      const x = this.parseFlags();
      const end = this.char();
      this.bump();
      if (end === ")") {
        if (x === "empty") this.fail("repetition operator missing expression", inner);
        if (x !== null) this.ignoreWhitespace = x;
        items.push("flags");
        return items;
      }
      if (x !== null && x !== "empty") ignoreWhitespace = x;
    }
    this.groups.push({ kind: "group", items, span: open, ignoreWhitespace: this.ignoreWhitespace });
    this.ignoreWhitespace = ignoreWhitespace;
    return [];
  }

  private popGroup(): Item[] {
    let top = this.groups.pop();
    if (top?.kind === "alt") top = this.groups.pop();
    if (top?.kind !== "group") this.fail("unopened group", this.charSpan());
    this.ignoreWhitespace = top.ignoreWhitespace;
    this.bump();
    top.items.push("atom");
    return top.items;
  }

  private parseCaptureName(): void {
    if (this.eof()) this.fail("unclosed capture group name", this.here());
    const start = this.pos;
    for (;;) {
      if (this.char() === ">") break;
      const first = this.pos === start;
      const c = this.char();
      const ok =
        c === "_" || /\p{Alphabetic}/u.test(c) || (!first && (/[.[\]]/.test(c) || /[\p{Alphabetic}\p{N}]/u.test(c)));
      if (!ok) this.fail("invalid capture group character", this.charSpan());
      if (!this.bump()) break;
    }
    const end = this.pos;
    if (this.eof()) this.fail("unclosed capture group name", this.here());
    this.bump();
    const name = this.chars.slice(start, end).join("");
    if (name === "") this.fail("empty capture group name", { start, end: start });
    const original = this.captureNames.get(name);
    if (original) this.fail("duplicate capture group name", { start, end }, original);
    this.captureNames.set(name, { start, end });
  }

  /** Parses `(?flags` up to `:`/`)`; returns the `x` flag state, null if untouched, "empty" for `(?)`. */
  private parseFlags(): boolean | null | "empty" {
    const seen = new Map<string, RegexSpan>();
    let negated = false;
    let lastNegation: RegexSpan | null = null;
    let x: boolean | null = null;
    while (this.char() !== ":" && this.char() !== ")") {
      const c = this.char();
      const key = c === "-" ? "-" : c;
      if (c !== "-" && !FLAGS.has(c)) this.fail("unrecognized flag", this.charSpan());
      const original = seen.get(key);
      if (original) {
        this.fail(c === "-" ? "flag negation operator repeated" : "duplicate flag", this.charSpan(), original);
      }
      seen.set(key, this.charSpan());
      lastNegation = c === "-" ? this.charSpan() : null;
      if (c === "-") negated = true;
      if (c === "x") x = !negated;
      if (!this.bump()) this.fail("expected flag but got end of regex", this.here());
    }
    if (lastNegation) this.fail("dangling flag negation operator", lastNegation);
    return seen.size === 0 ? "empty" : x;
  }

  private parsePrimitive(): Primitive {
    if (this.char() === "\\") return this.parseEscape();
    const span = this.charSpan();
    const c = this.char();
    this.bump();
    return { kind: c === "." || c === "^" || c === "$" ? "other" : "literal", c, span };
  }

  private parseClass(): void {
    const open: RegexSpan[] = [];
    const unclosed = (): never => this.fail("unclosed character class", open[open.length - 1]!);
    for (;;) {
      this.bumpSpace();
      if (this.eof()) unclosed();
      const c = this.char();
      if (c === "[") {
        if (open.length > 0 && this.maybeAsciiClass()) continue;
        open.push(this.parseClassOpen());
      } else if (c === "]") {
        open.pop();
        this.bump();
        if (open.length === 0) return;
      } else if ((c === "&" || c === "-" || c === "~") && this.chars[this.pos + 1] === c) {
        this.pos += 2;
      } else this.parseClassRange(unclosed);
    }
  }

  private parseClassOpen(): RegexSpan {
    const start = this.pos;
    const unclosed = (end: number): never => this.fail("unclosed character class", { start, end });
    if (!this.bumpAndSpace()) unclosed(this.pos);
    if (this.char() === "^" && !this.bumpAndSpace()) unclosed(this.pos);
    let sawItem = false;
    while (this.char() === "-") {
      sawItem = true;
      if (!this.bumpAndSpace()) unclosed(start);
    }
    if (!sawItem && this.char() === "]" && !this.bumpAndSpace()) unclosed(this.pos);
    return { start, end: this.pos };
  }

  private maybeAsciiClass(): boolean {
    const start = this.pos;
    const back = (): boolean => {
      this.pos = start;
      return false;
    };
    if (!this.bump() || this.char() !== ":" || !this.bump()) return back();
    if (this.char() === "^" && !this.bump()) return back();
    const nameStart = this.pos;
    while (this.char() !== ":" && this.bump());
    if (this.eof()) return back();
    const name = this.chars.slice(nameStart, this.pos).join("");
    if (!this.bumpIf(":]") || !ASCII_CLASSES.has(name)) return back();
    return true;
  }

  private parseClassRange(unclosed: () => never): void {
    const first = this.parseClassItem();
    this.bumpSpace();
    if (this.eof()) unclosed();
    if (this.char() !== "-" || this.peekSpace() === "]" || this.peekSpace() === "-") {
      if (first.kind === "other") this.fail("invalid escape sequence found in character class", first.span);
      return;
    }
    if (!this.bumpAndSpace()) unclosed();
    const second = this.parseClassItem();
    const span = { start: first.span.start, end: second.span.end };
    for (const end of [first, second]) {
      if (end.kind !== "literal") this.fail("invalid range boundary, must be a literal", end.span);
    }
    if (first.kind === "literal" && second.kind === "literal" && first.c.codePointAt(0)! > second.c.codePointAt(0)!) {
      this.fail("invalid character class range, the start must be <= the end", span);
    }
  }

  private parseClassItem(): Primitive {
    if (this.char() === "\\") return this.parseEscape();
    const primitive: Primitive = { kind: "literal", c: this.char(), span: this.charSpan() };
    this.bump();
    return primitive;
  }
}
