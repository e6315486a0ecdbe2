import type { RegexSpan, RegexSyntaxError } from "./rust-regex-error.ts";

/** Thrown inside the parser to stop at the first syntax error. */
export class RegexFailure {
  constructor(readonly detail: RegexSyntaxError) {}
}

/** A parsed primitive: a literal (with its char), a class (`\\d`, `\\p{L}`) or another assertion. */
export type Primitive = { kind: "literal"; c: string; span: RegexSpan } | { kind: "class" | "other"; span: RegexSpan };

/**
 * regex-syntax's parser position over a pattern's code points, with its `bump`/`bump_space`
 * helpers (`x` mode skips whitespace and `#` comments) and the first-error-wins failure.
 */
export class RegexCursor {
  protected readonly chars: string[];
  protected pos = 0;
  protected ignoreWhitespace = false;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  protected fail(message: string, span: RegexSpan, auxSpan?: RegexSpan): never {
    throw new RegexFailure(auxSpan ? { message, span, auxSpan } : { message, span });
  }
  protected eof(): boolean {
    return this.pos >= this.chars.length;
  }
  protected char(): string {
    return this.chars[this.pos] ?? "";
  }
  protected here(): RegexSpan {
    return { start: this.pos, end: this.pos };
  }
  protected charSpan(): RegexSpan {
    return { start: this.pos, end: this.pos + 1 };
  }
  protected bump(): boolean {
    if (this.eof()) return false;
    this.pos++;
    return !this.eof();
  }
  protected bumpIf(prefix: string): boolean {
    const chars = Array.from(prefix);
    if (!chars.every((c, i) => this.chars[this.pos + i] === c)) return false;
    this.pos += chars.length;
    return true;
  }
  protected bumpSpace(): void {
    if (!this.ignoreWhitespace) return;
    while (!this.eof()) {
      if (/\s/u.test(this.char())) this.bump();
      else if (this.char() === "#") {
        while (this.bump() && this.char() !== "\n");
        this.bump();
      } else break;
    }
  }
  protected bumpAndSpace(): boolean {
    if (!this.bump()) return false;
    this.bumpSpace();
    return !this.eof();
  }
  protected peekSpace(): string | undefined {
    let i = this.pos + 1;
    while (this.ignoreWhitespace && i < this.chars.length && /\s/u.test(this.chars[i]!)) i++;
    return this.chars[i];
  }
}
