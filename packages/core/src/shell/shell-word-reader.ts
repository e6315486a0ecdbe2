/**
 * Reads one shell word the way bash does: single quotes are literal, double quotes keep `$` and
 * backquote expansions, `$'…'` decodes ANSI-C escapes, backslash-newline disappears, and parts
 * concatenate (`-g"*.py"` → `-g*.py`). Unquoted glob and brace characters are noted.
 */
import { ShellExpansionReader } from "./shell-expansion-reader.ts";
import type { ShellWord, Substitution } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

export type { NestedParser } from "./shell-expansion-reader.ts";

const ASSIGNMENT_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;

/** Word-level scanning shared by the lexer. */
export class ShellWordReader extends ShellExpansionReader {
  /** Reads the word starting at `pos` (not a blank or an operator) and leaves `pos` after it. */
  protected readWord(): ShellWord {
    const s = this.src;
    const start = this.pos;
    this.beginWord();
    let i = start;
    let run = start;
    let bracket = false;
    let braces = 0;
    let braceList = false;
    scan: while (i < this.limit) {
      const c = s.charCodeAt(i);
      switch (c) {
        case 32: // blank, newline, ; & | ) end a word
        case 9:
        case 10:
        case 59:
        case 38:
        case 124:
        case 41:
          break scan;
        case 40: {
          // `(` continues the word only for `NAME=( … )` arrays and extglob groups like `!(…)`.
          const extglob = i > run && "?*+@!".includes(s[i - 1] as string);
          if (!extglob && (this.quoted || this.dynamic || !ASSIGNMENT_PREFIX.test(this.value + s.slice(run, i)))) {
            break scan;
          }
          this.take(run, i);
          if (extglob) this.glob = true;
          i = this.readGroup(i);
          run = i;
          continue;
        }
        case 60: // `<(…)` and `>(…)` at the start of a word are process substitutions
        case 62:
          if (i !== start || s.charCodeAt(i + 1) !== 40) break scan;
          i = this.readNested(i, i + 2, c === 60 ? "<(…)" : ">(…)");
          run = i;
          continue;
        case 92:
          this.take(run, i);
          if (i + 1 >= this.limit) {
            this.value += "\\";
            i++;
          } else if (s.charCodeAt(i + 1) === 10) {
            i += 2;
          } else {
            this.value += s[i + 1];
            this.quoted = true;
            this.literal = true;
            i += 2;
          }
          run = i;
          continue;
        case 39: {
          this.take(run, i);
          const close = s.indexOf("'", i + 1);
          const stop = close < 0 || close >= this.limit ? this.limit : close;
          if (stop === this.limit) this.error(UnanalysableReason.unbalancedQuotes);
          this.value += s.slice(i + 1, stop);
          this.quoted = true;
          this.literal = true;
          i = Math.min(stop + 1, this.limit);
          run = i;
          continue;
        }
        case 34:
          this.take(run, i);
          i = this.readDoubleQuoted(i + 1, this.limit, false);
          run = i;
          continue;
        case 36:
          this.take(run, i);
          i = this.readDollar(i, false);
          run = i;
          continue;
        case 96:
          this.take(run, i);
          i = this.readBackquote(i, false);
          run = i;
          continue;
        case 42: // * ?
        case 63:
          this.glob = true;
          break;
        case 91:
          bracket = true;
          break;
        case 93:
          if (bracket) this.glob = true;
          break;
        case 123:
          braces++;
          break;
        case 44:
          if (braces > 0) braceList = true;
          break;
        case 46:
          if (braces > 0 && s.charCodeAt(i + 1) === 46) braceList = true;
          break;
        case 125:
          if (braces > 0) {
            braces--;
            if (braceList) this.glob = true;
          }
          break;
      }
      i++;
    }
    this.take(run, i);
    this.pos = i;
    return this.finishWord(start, i);
  }

  /** Scans an unquoted here-document body for the command substitutions the outer shell runs. */
  protected scanHeredocBody(start: number, end: number): Substitution[] | null {
    this.beginWord();
    this.readDoubleQuoted(start, end, true);
    return this.subs;
  }

  /** Reads `((…))` at `start` as one word whose substitutions run. */
  protected readArithmeticCommand(start: number): ShellWord {
    this.beginWord();
    this.pos = this.readArithmetic(start, start + 2);
    return this.finishWord(start, this.pos);
  }
}
