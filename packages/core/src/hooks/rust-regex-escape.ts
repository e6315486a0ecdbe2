import { type Primitive, RegexCursor } from "./rust-regex-cursor.ts";
import { checkUnicodeClass } from "./rust-regex-unicode.ts";

const META = new Set("\\.+*?()|[]{}^$#&-~");

/** regex-syntax's escape parsing (`parse_escape`, hex literals, `\\p{…}`, `\\b{…}`) on top of the cursor. */
export class RegexEscapeParser extends RegexCursor {
  protected parseEscape(): Primitive {
    const start = this.pos;
    if (!this.bump())
      this.fail("incomplete escape sequence, reached end of pattern prematurely", { start, end: this.pos });
    const c = this.char();
    if (c >= "0" && c <= "9") this.fail("backreferences are not supported", { start, end: this.pos + 1 });
    if (c === "x" || c === "u" || c === "U") return this.parseHex(start, c);
    if (c === "p" || c === "P") return this.parseUnicodeClass(start);
    if ("dswDSW".includes(c)) {
      this.bump();
      return { kind: "class", span: { start, end: this.pos } };
    }
    this.bump();
    const span = { start, end: this.pos };
    if (META.has(c) || (c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z<>]/.test(c))) return { kind: "literal", c, span };
    const special: Record<string, string> = { a: "\x07", f: "\f", t: "\t", n: "\n", r: "\r", v: "\v" };
    if (special[c] !== undefined) return { kind: "literal", c: special[c], span };
    if (c === "b" && !this.eof() && this.char() === "{") this.maybeSpecialWordBoundary(start);
    if ("AzbB<>".includes(c)) return { kind: "other", span: { start, end: this.pos } };
    return this.fail("unrecognized escape sequence", span);
  }

  protected maybeSpecialWordBoundary(wordStart: number): void {
    const valid = (c: string) => /^[A-Za-z-]$/.test(c);
    const start = this.pos;
    if (!this.bumpAndSpace()) {
      this.fail(
        "found either the beginning of a special word boundary or a bounded repetition on a \\b with an opening brace, but no closing brace",
        { start: wordStart, end: this.pos },
      );
    }
    const contents = this.pos;
    if (!valid(this.char())) {
      this.pos = start;
      return;
    }
    let name = "";
    while (!this.eof() && valid(this.char())) {
      name += this.char();
      this.bumpAndSpace();
    }
    if (this.eof() || this.char() !== "}") {
      this.fail("special word boundary assertion is either unclosed or contains an invalid character", {
        start,
        end: this.pos,
      });
    }
    const end = this.pos;
    this.bump();
    if (!["start", "end", "start-half", "end-half"].includes(name)) {
      this.fail("unrecognized special word boundary assertion, valid choices are: start, end, start-half or end-half", {
        start: contents,
        end,
      });
    }
  }

  protected parseHex(start: number, kind: string): Primitive {
    if (!this.bumpAndSpace()) this.fail("incomplete escape sequence, reached end of pattern prematurely", this.here());
    let hex = "";
    let digitsStart: number;
    let digitsEnd: number;
    if (this.char() === "{") {
      const brace = this.pos;
      digitsStart = this.pos + 1;
      while (this.bumpAndSpace() && this.char() !== "}") {
        if (!/[0-9a-fA-F]/.test(this.char())) this.fail("invalid hexadecimal digit", this.charSpan());
        hex += this.char();
      }
      if (this.eof())
        this.fail("incomplete escape sequence, reached end of pattern prematurely", { start: brace, end: this.pos });
      digitsEnd = this.pos;
      this.bumpAndSpace();
      if (hex === "") this.fail("hexadecimal literal empty", { start: brace, end: this.pos });
    } else {
      digitsStart = this.pos;
      const count = kind === "x" ? 2 : kind === "u" ? 4 : 8;
      for (let i = 0; i < count; i++) {
        if (i > 0 && !this.bumpAndSpace())
          this.fail("incomplete escape sequence, reached end of pattern prematurely", this.here());
        if (!/[0-9a-fA-F]/.test(this.char())) this.fail("invalid hexadecimal digit", this.charSpan());
        hex += this.char();
      }
      this.bumpAndSpace();
      digitsEnd = this.pos;
    }
    const value = hex.length <= 8 ? Number.parseInt(hex, 16) : Number.NaN;
    if (!(value <= 0x10ffff) || (value >= 0xd800 && value <= 0xdfff)) {
      this.fail("hexadecimal literal is not a Unicode scalar value", { start: digitsStart, end: digitsEnd });
    }
    return { kind: "literal", c: String.fromCodePoint(value), span: { start, end: this.pos } };
  }

  protected parseUnicodeClass(start: number): Primitive {
    if (!this.bumpAndSpace()) this.fail("incomplete escape sequence, reached end of pattern prematurely", this.here());
    let name: string;
    let braced = false;
    if (this.char() === "{") {
      braced = true;
      name = "";
      while (this.bumpAndSpace() && this.char() !== "}") name += this.char();
      if (this.eof()) this.fail("incomplete escape sequence, reached end of pattern prematurely", this.here());
      this.bump();
    } else {
      if (this.char() === "\\") this.fail("invalid Unicode character class", this.charSpan());
      name = this.char();
      this.bumpAndSpace();
    }
    const span = { start, end: this.pos };
    const problem = checkUnicodeClass(name, braced);
    if (problem) this.fail(problem, span);
    return { kind: "class", span };
  }
}
