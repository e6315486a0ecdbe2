/**
 * The quoting and expansion constructs inside a shell word: double quotes, `$'…'`, `$NAME`,
 * `${…}`, `$((…))`, `$(…)`, backquotes and process substitutions. The builder fields hold the word
 * being read; nested scripts are parsed through `NestedParser` so lexer and parser stay in step.
 */
import { decodeAnsiCEscape } from "./ansi-c-escape.ts";
import type { ParsedScript, ShellWord, Substitution } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

/** Parses a nested script from `start`; with `untilParen` it stops at the unmatched `)` whose index it returns. */
export type NestedParser = (
  source: string,
  start: number,
  limit: number,
  untilParen: boolean,
) => { script: ParsedScript; end: number };

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Reads expansions and quoted parts into a word builder; `ShellWordReader` adds unquoted text. */
export class ShellExpansionReader {
  protected pos: number;
  protected value = "";
  protected quoted = false;
  protected dynamic = false;
  protected literal = false;
  protected glob = false;
  protected subs: Substitution[] | null = null;
  private groups = 0;

  constructor(
    protected readonly src: string,
    start: number,
    protected readonly limit: number,
    protected readonly errors: string[],
    protected readonly nested: NestedParser,
  ) {
    this.pos = start;
  }

  /** Records a syntax problem once per script. */
  protected error(reason: string): void {
    if (!this.errors.includes(reason)) this.errors.push(reason);
  }

  /** Starts a new word in the builder. */
  protected beginWord(): void {
    this.value = "";
    this.quoted = this.dynamic = this.literal = this.glob = false;
    this.subs = null;
  }

  /** Returns the word in the builder. */
  protected finishWord(start: number, end: number): ShellWord {
    const { value, quoted, dynamic, literal, glob, subs } = this;
    return { value, start, end, quoted, dynamic, literal, glob, subs };
  }

  protected take(run: number, i: number): void {
    if (i > run) {
      this.value += this.src.slice(run, i);
      this.literal = true;
    }
  }

  /** Double-quoted text from `j` (after the quote); in a here-document body `"` is an ordinary character. */
  protected readDoubleQuoted(j: number, limit: number, heredoc: boolean): number {
    const s = this.src;
    if (!heredoc) this.quoted = true;
    let run = j;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === 34 && !heredoc) {
        this.take(run, j);
        return j + 1;
      }
      if (c === 92 && j + 1 < limit) {
        const n = s.charCodeAt(j + 1);
        if (n === 36 || n === 96 || n === 92 || n === 10 || (n === 34 && !heredoc)) {
          this.take(run, j);
          if (n !== 10) this.value += s[j + 1];
          j += 2;
          run = j;
          continue;
        }
      } else if (c === 36 || c === 96) {
        this.take(run, j);
        j = c === 36 ? this.readDollar(j, true) : this.readBackquote(j, true);
        run = j;
        continue;
      }
      j++;
    }
    this.take(run, j);
    if (!heredoc) this.error(UnanalysableReason.unbalancedQuotes);
    return j;
  }

  /** A `$` construct at `i`: ANSI-C or locale quotes, `$(…)`, `$((…))`, `${…}`, `$NAME`, `$1`, `$@`… */
  protected readDollar(i: number, inDoubleQuotes: boolean): number {
    const s = this.src;
    const n = s.charCodeAt(i + 1);
    if (n === 39 && !inDoubleQuotes) return this.readAnsiC(i + 2);
    if (n === 34 && !inDoubleQuotes) return this.readDoubleQuoted(i + 2, this.limit, false);
    if (n === 40) return s.charCodeAt(i + 2) === 40 ? this.readArithmetic(i, i + 3) : this.readNested(i, i + 2, "$(…)");
    if (n === 123) return this.readExpansionGroup(i, i + 2, 123, 125);
    let j = i + 1;
    if (isNameChar(n) && !(n >= 48 && n <= 57)) {
      while (j < this.limit && isNameChar(s.charCodeAt(j))) j++;
    } else if ((n >= 48 && n <= 57) || "@*#?$!-".includes(s[i + 1] ?? " ")) {
      j++;
    } else {
      this.value += "$";
      this.literal = true;
      return i + 1;
    }
    this.value += s.slice(i, j);
    this.dynamic = true;
    return j;
  }

  /** `$(…)`, `<(…)` or `>(…)` at `i`, its script parsed from `from`. */
  protected readNested(i: number, from: number, kind: Substitution["kind"]): number {
    const { script, end } = this.nested(this.src, from, this.limit, true);
    const stop = Math.min(end + 1, this.limit);
    this.value += this.src.slice(i, stop);
    this.dynamic = true;
    this.addSub(kind, script);
    return stop;
  }

  /** `` `…` `` at `i`: backslash before `$`, `` ` ``, `\` (and `"` inside double quotes) is removed first. */
  protected readBackquote(i: number, inDoubleQuotes: boolean): number {
    const s = this.src;
    let j = i + 1;
    let run = j;
    let text = "";
    while (j < this.limit) {
      const c = s.charCodeAt(j);
      if (c === 96) break;
      if (c === 92) {
        const n = s.charCodeAt(j + 1);
        if (n === 36 || n === 96 || n === 92 || (inDoubleQuotes && n === 34)) {
          text += s.slice(run, j);
          run = j + 1;
        }
        j += 2;
        continue;
      }
      j++;
    }
    const stop = Math.min(j, this.limit);
    if (stop === this.limit) this.error(UnanalysableReason.unbalancedQuotes);
    text += s.slice(run, stop);
    const { script } = this.nested(text, 0, text.length, false);
    this.value += s.slice(i, Math.min(stop + 1, this.limit));
    this.dynamic = true;
    this.addSub("`…`", script);
    return Math.min(stop + 1, this.limit);
  }

  /** `$'…'` from `j` (after the quote). */
  private readAnsiC(j: number): number {
    const s = this.src;
    this.quoted = true;
    this.literal = true;
    let run = j;
    while (j < this.limit) {
      const c = s.charCodeAt(j);
      if (c === 39) {
        this.value += s.slice(run, j);
        return j + 1;
      }
      if (c === 92) {
        this.value += s.slice(run, j);
        const decoded = decodeAnsiCEscape(s, j + 1, this.limit);
        this.value += decoded.text;
        j = decoded.next;
        run = j;
        continue;
      }
      j++;
    }
    this.value += s.slice(run, this.limit);
    this.error(UnanalysableReason.unbalancedQuotes);
    return this.limit;
  }

  /** `$((…))` or `((…))` at `i`, contents from `from`; only its substitutions matter. */
  protected readArithmetic(i: number, from: number): number {
    let end = this.readExpansionGroup(i, from, 40, 41);
    if (this.src.charCodeAt(end) === 41) {
      end++;
      this.value += ")";
    }
    return end;
  }

  /** `${…}` (or an arithmetic body) at `i`: nested quotes and substitutions are scanned, the value stays raw. */
  private readExpansionGroup(i: number, from: number, open: number, close: number): number {
    const saved = this.value;
    const savedLiteral = this.literal;
    const end = this.scanBalanced(from, open, close);
    if (end >= this.limit) this.error(UnanalysableReason.syntax);
    const stop = Math.min(end + 1, this.limit);
    this.value = saved + this.src.slice(i, stop);
    this.literal = savedLiteral;
    this.dynamic = true;
    return stop;
  }

  /** `( … )` of an array assignment or an extglob group at `i`, kept raw. */
  protected readGroup(i: number): number {
    const saved = this.value;
    const end = this.scanBalanced(i + 1, 40, 41);
    if (end >= this.limit) this.error(UnanalysableReason.unbalancedParentheses);
    const stop = Math.min(end + 1, this.limit);
    this.value = saved + this.src.slice(i, stop);
    return stop;
  }

  /** Index of the `close` that balances from `j`, or `limit`; substitutions inside are collected. */
  private scanBalanced(j: number, open: number, close: number): number {
    // `${…}` groups nest through quotes (`${a:-"${b:-…}"}`); bound the recursion.
    if (this.groups >= 48) {
      this.error(UnanalysableReason.tooDeep);
      return this.limit;
    }
    this.groups++;
    const end = this.scanGroup(j, open, close);
    this.groups--;
    return end;
  }

  private scanGroup(j: number, open: number, close: number): number {
    const s = this.src;
    let depth = 0;
    while (j < this.limit) {
      const c = s.charCodeAt(j);
      if (c === close) {
        if (depth === 0) return j;
        depth--;
      } else if (c === open) {
        depth++;
      } else if (c === 92) {
        j++;
      } else if (c === 39) {
        const q = s.indexOf("'", j + 1);
        j = q < 0 || q >= this.limit ? this.limit : q;
      } else if (c === 34) {
        j = this.readDoubleQuoted(j + 1, this.limit, false) - 1;
      } else if (c === 36 || c === 96) {
        j = (c === 36 ? this.readDollar(j, false) : this.readBackquote(j, false)) - 1;
      }
      j++;
    }
    return this.limit;
  }

  private addSub(kind: Substitution["kind"], script: ParsedScript): void {
    if (this.subs === null) this.subs = [];
    this.subs.push({ kind, script });
  }
}
