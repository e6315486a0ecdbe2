/**
 * Splits a shell script into words, control operators and redirections, on demand for the parser.
 * Here-document bodies are read at the newline that ends their line, as bash does.
 */

import type { NestedParser } from "./shell-expansion-reader.ts";
import type { Heredoc, ShellRedirect, ShellWord } from "./shell-syntax.ts";
import { ShellWordReader } from "./shell-word-reader.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

/** One token; `op` is a control operator (`&&`, `|`, `;;`, `(`, newline as "\n", …). */
export type ShellToken =
  | { readonly kind: "word"; readonly word: ShellWord; readonly start: number; readonly end: number }
  | { readonly kind: "op"; readonly op: string; readonly start: number; readonly end: number }
  | { readonly kind: "redirect"; readonly redirect: ShellRedirect; readonly start: number; readonly end: number }
  | { readonly kind: "eof"; readonly start: number; readonly end: number };

const DUPLICATED_FD = /[0-9]+-?|-/y;

/** The lexer of one script or nested script (`limit` bounds it; nested scripts stop at their `)`). */
export class ShellLexer extends ShellWordReader {
  private peeked: ShellToken | null = null;
  private pendingHeredocs: Array<{ heredoc: Heredoc; stripTabs: boolean }> = [];

  constructor(src: string, start: number, limit: number, errors: string[], nested: NestedParser) {
    super(src, start, limit, errors, nested);
  }

  /** The next token, without consuming it. */
  peek(): ShellToken {
    if (this.peeked === null) this.peeked = this.lex();
    return this.peeked;
  }

  /** Consumes and returns the next token. */
  next(): ShellToken {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  /** The source character right after a token (to tell `((` from `( (`). */
  charAfter(token: ShellToken): number {
    return token.end < this.limit ? this.src.charCodeAt(token.end) : -1;
  }

  /** Skips the rest of the script (after a nesting limit). */
  abandon(): void {
    this.pos = this.limit;
    this.peeked = null;
    this.pendingHeredocs = [];
  }

  /** Reads `((…))` starting at the peeked `(` token. */
  readArithmeticAt(token: ShellToken): ShellWord {
    this.peeked = null;
    return this.readArithmeticCommand(token.start);
  }

  private lex(): ShellToken {
    const s = this.src;
    let i = this.pos;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) i++;
      else if (c === 92 && s.charCodeAt(i + 1) === 10) i += 2;
      else break;
    }
    if (i < this.limit && s.charCodeAt(i) === 35) {
      const nl = s.indexOf("\n", i);
      i = nl < 0 || nl > this.limit ? this.limit : nl;
    }
    this.pos = i;
    if (i >= this.limit) return { kind: "eof", start: this.limit, end: this.limit };
    const c = s.charCodeAt(i);
    const n = s.charCodeAt(i + 1);
    switch (c) {
      case 10:
        this.pos = i + 1;
        if (this.pendingHeredocs.length > 0) this.readHeredocBodies();
        return { kind: "op", op: "\n", start: i, end: i + 1 };
      case 59: // ;
        if (n === 59) return this.op(i, s.charCodeAt(i + 2) === 38 ? ";;&" : ";;");
        return this.op(i, n === 38 ? ";&" : ";");
      case 124: // |
        return this.op(i, n === 124 ? "||" : n === 38 ? "|&" : "|");
      case 38: // &
        if (n === 62) return this.readRedirect(i, "");
        return this.op(i, n === 38 ? "&&" : "&");
      case 40:
        return this.op(i, "(");
      case 41:
        return this.op(i, ")");
      case 60: // < >
      case 62:
        if (n !== 40) return this.readRedirect(i, "");
        break;
      default:
        if (c >= 48 && c <= 57) {
          let j = i + 1;
          while (j < this.limit && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
          const after = s.charCodeAt(j);
          if ((after === 60 || after === 62) && s.charCodeAt(j + 1) !== 40) return this.readRedirect(j, s.slice(i, j));
        }
    }
    const word = this.readWord();
    return { kind: "word", word, start: word.start, end: word.end };
  }

  private op(i: number, op: string): ShellToken {
    this.pos = i + op.length;
    return { kind: "op", op, start: i, end: this.pos };
  }

  /** A redirection operator at `i` (after an optional fd) and its target word. */
  private readRedirect(i: number, fd: string): ShellToken {
    const s = this.src;
    const start = i - fd.length;
    let op = s[i] === "&" ? (s.startsWith("&>>", i) ? "&>>" : "&>") : (s[i] as string);
    if (op === "<") {
      if (s.startsWith("<<<", i)) op = "<<<";
      else if (s.startsWith("<<-", i)) op = "<<-";
      else if (s.startsWith("<<", i) || s.startsWith("<&", i) || s.startsWith("<>", i)) op = s.slice(i, i + 2);
    } else if (op === ">") {
      if (s.startsWith(">>", i) || s.startsWith(">&", i) || s.startsWith(">|", i)) op = s.slice(i, i + 2);
    }
    let j = i + op.length;
    op = fd + op;
    if (op.endsWith("&") && !op.startsWith("&")) {
      // `2>&1`, `>&-`: a duplicated or closed fd has no file target.
      DUPLICATED_FD.lastIndex = j;
      const m = DUPLICATED_FD.exec(s);
      const after = m ? s.charCodeAt(j + m[0].length) : 0;
      if (m && (Number.isNaN(after) || " \t\n;&|()<>".includes(String.fromCharCode(after)))) {
        this.pos = j + m[0].length;
        return { kind: "redirect", redirect: { op: op + m[0], target: null, heredoc: null }, start, end: this.pos };
      }
    }
    while (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9) j++;
    this.pos = j;
    const c = s[j];
    if (j >= this.limit || c === undefined || "\n;&|()".includes(c) || ((c === "<" || c === ">") && s[j + 1] !== "(")) {
      this.error(UnanalysableReason.syntax);
      return { kind: "redirect", redirect: { op, target: null, heredoc: null }, start, end: j };
    }
    const target = this.readWord();
    let heredoc: Heredoc | null = null;
    if (op.endsWith("<<-") || (op.endsWith("<<") && !op.endsWith("<<<"))) {
      heredoc = { delimiter: target.value, quoted: target.quoted, body: "", subs: null };
      this.pendingHeredocs.push({ heredoc, stripTabs: op.endsWith("-") });
    }
    return { kind: "redirect", redirect: { op, target, heredoc }, start, end: this.pos };
  }

  /** Reads the bodies of the here-documents started on the line that just ended. */
  private readHeredocBodies(): void {
    const s = this.src;
    for (const { heredoc, stripTabs } of this.pendingHeredocs) {
      const bodyStart = this.pos;
      let lineStart = bodyStart;
      let bodyEnd = this.limit;
      while (lineStart < this.limit) {
        const nl = s.indexOf("\n", lineStart);
        const lineEnd = nl < 0 || nl > this.limit ? this.limit : nl;
        let contentStart = lineStart;
        while (stripTabs && s.charCodeAt(contentStart) === 9) contentStart++;
        if (s.slice(contentStart, lineEnd) === heredoc.delimiter) {
          bodyEnd = lineStart;
          lineStart = Math.min(lineEnd + 1, this.limit);
          break;
        }
        lineStart = lineEnd + 1;
      }
      this.pos = Math.min(lineStart, this.limit);
      heredoc.body = s.slice(bodyStart, Math.min(bodyEnd, this.limit));
      if (!heredoc.quoted) {
        const resume = this.pos;
        heredoc.subs = this.scanHeredocBody(bodyStart, Math.min(bodyEnd, this.limit));
        this.pos = resume;
      }
    }
    this.pendingHeredocs = [];
  }
}
