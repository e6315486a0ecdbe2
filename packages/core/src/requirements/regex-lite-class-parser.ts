/** Character-class half of the regex_lite parser port (regex-lite/src/hir/parse.rs). */
import { RegexLiteCursor } from "./regex-lite-cursor.ts";
import type { Hir, Range } from "./regex-lite-hir.ts";
import { classRanges, POSIX } from "./regex-lite-hir.ts";

/** regex_lite's bracketed character class parsing (`parse_class` and helpers). */
export abstract class RegexLiteClassParser extends RegexLiteCursor {
  protected abstract parseEscape(): Hir;

  protected parseClass(): Hir {
    const union: Range[] = [];
    if (!this.bumpAndBumpSpace()) this.err("found unclosed character class");
    let negate = false;
    if (this.char() === "^") {
      if (!this.bumpAndBumpSpace()) this.err("negated character class has no closing bracket");
      negate = true;
    }
    while (this.char() === "-") {
      union.push([45, 45]);
      if (!this.bumpAndBumpSpace()) this.err("non-empty character class has no closing bracket after dash");
    }
    if (union.length === 0 && this.char() === "]") {
      union.push([93, 93]);
      if (!this.bumpAndBumpSpace()) this.err("character class begins with literal ']' but has no closing bracket");
    }
    for (;;) {
      this.bumpSpace();
      if (this.done()) this.err("found unclosed character class");
      const c = this.char();
      if (c === "[") {
        const posix = this.maybePosixClass();
        if (posix) {
          union.push(...posix);
          continue;
        }
        this.err("nested character classes are not supported");
      }
      if (c === "]") {
        this.bump();
        return { kind: "class", ranges: union, fold: this.flags.i, negate };
      }
      if (c === "&" && this.peek() === "&") this.err("character class intersection is not supported");
      if (c === "-" && this.peek() === "-") this.err("character class difference is not supported");
      if (c === "~" && this.peek() === "~") this.err("character class symmetric difference is not supported");
      this.parseClassRange(union);
    }
  }

  protected parseClassRange(union: Range[]): void {
    const first = this.parseClassItem();
    this.bumpSpace();
    if (this.done()) this.err("non-empty character class has no closing bracket");
    const next = this.peekSpace();
    if (this.char() !== "-" || next === "]" || next === "-") {
      if (first.kind === "char") union.push([first.cp, first.cp]);
      else if (first.kind === "class") union.push(...classRanges(first));
      else this.err("invalid escape sequence in character class");
      return;
    }
    if (!this.bumpAndBumpSpace()) this.err("non-empty character class has no closing bracket after dash");
    const second = this.parseClassItem();
    if (first.kind !== "char" || second.kind !== "char") {
      this.err("character class ranges must start and end with a single character");
    }
    if (first.cp > second.cp) this.err("invalid range in character class");
    union.push([first.cp, second.cp]);
  }

  protected parseClassItem(): Hir {
    const ch = this.char();
    this.bump();
    return ch === "\\" ? this.parseEscape() : { kind: "char", cp: ch.codePointAt(0) ?? 0 };
  }

  protected maybePosixClass(): Range[] | undefined {
    const start = this.pos;
    const reset = () => {
      this.pos = start;
      return undefined;
    };
    if (!this.bump() || this.char() !== ":") return reset();
    if (!this.bump()) return reset();
    let negated = false;
    if (this.char() === "^") {
      negated = true;
      if (!this.bump()) return reset();
    }
    const nameStart = this.pos;
    while (this.char() !== ":" && this.bump()) {}
    if (this.done()) return reset();
    const name = this.chars.slice(nameStart, this.pos).join("");
    if (!this.bumpIf(":]")) return reset();
    const ranges = POSIX[name];
    if (!ranges) return reset();
    return negated ? classRanges({ kind: "class", ranges, fold: false, negate: true }) : ranges;
  }
}
