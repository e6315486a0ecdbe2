/** Cursor half of the regex_lite parser port (regex-lite/src/hir/parse.rs); see regex-lite-parser.ts. */
import type { Flags } from "./regex-lite-hir.ts";

/** A regex_lite syntax error carrying regex_lite's message. */
export class RegexLiteSyntaxError extends Error {}

/** Rust `char::is_whitespace`. */
export const WS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Position handling of regex_lite's parser (`bump`, `bump_space`, `peek_space`, …), by code point. */
export abstract class RegexLiteCursor {
  protected readonly chars: string[];
  protected pos = 0;
  protected flags: Flags = { i: false, m: false, s: false, U: false, R: false, x: false };

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  protected err(message: string): never {
    throw new RegexLiteSyntaxError(message);
  }
  protected done = () => this.pos >= this.chars.length;
  protected char = () => this.chars[this.pos] as string;
  protected peek = () => this.chars[this.pos + 1];
  protected bump(): boolean {
    if (this.done()) return false;
    this.pos++;
    return !this.done();
  }
  protected bumpIf(prefix: string): boolean {
    const parts = [...prefix];
    if (parts.some((c, i) => this.chars[this.pos + i] !== c)) return false;
    this.pos += parts.length;
    return true;
  }
  protected bumpAndBumpSpace(): boolean {
    if (!this.bump()) return false;
    this.bumpSpace();
    return !this.done();
  }
  protected bumpSpace(): void {
    if (!this.flags.x) return;
    while (!this.done()) {
      if (WS.test(this.char())) this.bump();
      else if (this.char() === "#") {
        this.bump();
        while (!this.done()) {
          const c = this.char();
          this.bump();
          if (c === "\n") break;
        }
      } else break;
    }
  }
  protected peekSpace(): string | undefined {
    if (!this.flags.x) return this.peek();
    let inComment = false;
    for (let i = this.pos + 1; i < this.chars.length; i++) {
      const ch = this.chars[i] as string;
      const was = inComment;
      inComment = (inComment && ch !== "\n") || ch === "#";
      if (!inComment && !was && !WS.test(ch)) return ch;
    }
    return undefined;
  }
}
