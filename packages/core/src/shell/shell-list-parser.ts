/**
 * The list level of the bash grammar: lists, and-or lists, pipelines, simple commands, subshells,
 * `(( … ))` and function definitions; `ShellParser` adds the keyword clauses. It never throws:
 * syntax problems are recorded and parsing goes on, so commands around a mistake stay visible.
 */
import type { NestedParser } from "./shell-expansion-reader.ts";
import { ShellLexer, type ShellToken } from "./shell-lexer.ts";
import type { CompoundKind, CompoundNode, Pipeline, ShellRedirect, SimpleNode } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

/** Stop words of a list: none. */
export const NONE = new Set<string>();
/** Nesting of compound commands and `$(…)` beyond which the rest of a script is skipped (guards the call stack). */
export const MAX_NESTING = 48;
const OPENERS = new Set(["{", "if", "for", "select", "while", "until", "case", "[[", "function"]);
const MISPLACED = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}"]);
const ASSIGNMENT = /[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/y;

type NestedParse = ReturnType<NestedParser>;

/** Parser state and the list-level rules. */
export abstract class ShellListParser {
  readonly errors: string[] = [];
  protected readonly lexer: ShellLexer;
  private lastEnd: number;

  /** `nested` parses a `$(…)` at nesting `level`. */
  constructor(
    protected readonly src: string,
    start: number,
    limit: number,
    protected level: number,
    nested: (source: string, start: number, limit: number, untilParen: boolean, level: number) => NestedParse,
  ) {
    this.lastEnd = start;
    const atLevel: NestedParser = (s, from, lim, untilParen) => nested(s, from, lim, untilParen, this.level + 1);
    this.lexer = new ShellLexer(src, start, limit, this.errors, atLevel);
  }

  /** Parses the whole script (or a `$(…)` body up to its `)`), recovering from syntax errors. */
  program(untilParen: boolean): { pipelines: Pipeline[]; end: number } {
    const out: Pipeline[] = [];
    for (;;) {
      this.list(out, NONE);
      const t = this.lexer.peek();
      if (t.kind === "eof") {
        if (untilParen) this.error(UnanalysableReason.unbalancedParentheses);
        return { pipelines: out, end: t.start };
      }
      const paren = t.kind === "op" && t.op === ")";
      if (paren && untilParen) return { pipelines: out, end: t.start };
      this.error(paren ? UnanalysableReason.unbalancedParentheses : UnanalysableReason.syntax);
      this.next();
    }
  }

  protected list(out: Pipeline[], stop: Set<string>): void {
    for (;;) {
      this.skipNewlines();
      const t = this.lexer.peek();
      if (t.kind === "eof" || this.endsList(t, stop)) return;
      const before = out.length;
      this.andOr(out);
      const n = this.lexer.peek();
      if (n.kind === "op" && (n.op === ";" || n.op === "\n" || n.op === "&")) {
        this.next();
        if (n.op === "&") for (let k = before; k < out.length; k++) (out[k] as Pipeline).background = true;
      } else if (n.kind === "word" || (n.kind === "op" && n.op === "(")) {
        this.error(UnanalysableReason.syntax);
      }
    }
  }

  private endsList(t: ShellToken, stop: Set<string>): boolean {
    if (t.kind === "op") return t.op === ")" || t.op === ";;" || t.op === ";&" || t.op === ";;&";
    return t.kind === "word" && !t.word.quoted && stop.has(t.word.value);
  }

  private andOr(out: Pipeline[]): void {
    for (;;) {
      const pipeline = this.pipeline();
      if (pipeline) out.push(pipeline);
      const t = this.lexer.peek();
      if (t.kind !== "op" || (t.op !== "&&" && t.op !== "||")) return;
      this.next();
      this.skipNewlines();
    }
  }

  private pipeline(): Pipeline | null {
    let prefix: string | null = null;
    for (let k = this.keyword(); k === "!" || k === "time"; k = this.keyword()) {
      this.next();
      if (k === "time") {
        prefix = "time";
        if (this.keyword() === "-p") this.next();
      }
    }
    const stages: Pipeline["stages"] = [];
    for (;;) {
      const stage = this.command();
      if (stage === null) break;
      if (prefix !== null && stages.length === 0 && stage.type === "simple") stage.prefix = prefix;
      stages.push(stage);
      const t = this.lexer.peek();
      if (t.kind !== "op" || (t.op !== "|" && t.op !== "|&")) break;
      this.next();
      this.skipNewlines();
    }
    return stages.length > 0 ? { stages, background: false } : null;
  }

  protected command(): SimpleNode | CompoundNode | null {
    while (this.keyword() === "coproc") this.next();
    const t = this.lexer.peek();
    if (t.kind === "eof") {
      this.error(UnanalysableReason.syntax);
      return null;
    }
    const k = this.keyword();
    const opens = t.kind === "op" ? t.op === "(" : k !== null && OPENERS.has(k);
    if (!opens) {
      if (t.kind === "word" && !(k !== null && MISPLACED.has(k))) return this.simple();
      // `)` and `;;` belong to an enclosing construct; anything else here is out of place.
      if (t.kind !== "op" || (t.op !== ")" && t.op !== ";;" && t.op !== ";&" && t.op !== ";;&")) this.next();
      if (t.kind !== "redirect") this.error(UnanalysableReason.syntax);
      return t.kind === "redirect" ? this.simple() : null;
    }
    if (!this.enter()) return null;
    const node =
      t.kind === "op"
        ? this.lexer.charAfter(t) === 40
          ? this.arithmetic(t)
          : this.subshell(t)
        : (this.keywordCommand(k as string, t) ?? null);
    this.level--;
    return node;
  }

  /** Enters one level of nesting; past the limit the rest of the script is skipped. */
  private enter(): boolean {
    if (this.level >= MAX_NESTING) {
      this.error(UnanalysableReason.tooDeep);
      this.lexer.abandon();
      return false;
    }
    this.level++;
    return true;
  }

  private simple(): SimpleNode | CompoundNode {
    const node: SimpleNode = {
      type: "simple",
      assigns: [],
      words: [],
      redirects: [],
      start: this.lexer.peek().start,
      end: 0,
      prefix: null,
    };
    for (;;) {
      const t = this.lexer.peek();
      if (t.kind === "redirect") node.redirects.push(t.redirect);
      else if (t.kind !== "word") break;
      else if (node.words.length === 0 && this.isAssignment(t.word.start, t.word.end)) node.assigns.push(t.word);
      else node.words.push(t.word);
      this.next();
      if (node.words.length === 1 && node.assigns.length + node.redirects.length === 0) {
        const p = this.lexer.peek();
        if (p.kind === "op" && p.op === "(") return this.functionParens(node.start);
      }
    }
    node.end = this.lastEnd;
    return node;
  }

  private isAssignment(start: number, end: number): boolean {
    const eq = this.src.indexOf("=", start);
    if (eq < 0 || eq >= end) return false;
    ASSIGNMENT.lastIndex = start;
    return ASSIGNMENT.test(this.src) && ASSIGNMENT.lastIndex <= end;
  }

  private subshell(t: ShellToken): CompoundNode {
    this.next();
    const body: Pipeline[] = [];
    this.list(body, NONE);
    const close = this.lexer.peek();
    if (close.kind === "op" && close.op === ")") this.next();
    else this.error(UnanalysableReason.unbalancedParentheses);
    return this.compound("subshell", t.start, body, []);
  }

  private arithmetic(t: ShellToken): CompoundNode {
    const word = this.lexer.readArithmeticAt(t);
    this.lastEnd = word.end;
    return this.compound("arith", t.start, [], [word]);
  }

  protected functionParens(start: number): CompoundNode {
    this.next();
    const close = this.lexer.peek();
    if (close.kind === "op" && close.op === ")") this.next();
    else this.error(UnanalysableReason.syntax);
    return this.functionBody(start);
  }

  protected functionBody(start: number): CompoundNode {
    this.skipNewlines();
    const body = this.enter() ? this.command() : null;
    if (body !== null) this.level--;
    return this.compound("function", start, body ? [{ stages: [body], background: false }] : [], []);
  }

  protected compound(kind: CompoundKind, start: number, body: Pipeline[], words: CompoundNode["words"]): CompoundNode {
    const redirects: ShellRedirect[] = [];
    for (let t = this.lexer.peek(); t.kind === "redirect"; t = this.lexer.peek()) {
      redirects.push(t.redirect);
      this.next();
    }
    return { type: "compound", kind, body, words, redirects, start, end: this.lastEnd };
  }

  protected keyword(): string | null {
    const t = this.lexer.peek();
    return t.kind === "word" && !t.word.quoted ? t.word.value : null;
  }

  protected expect(keyword: string): void {
    if (this.keyword() === keyword) this.next();
    else this.error(UnanalysableReason.syntax);
  }

  protected skipNewlines(): void {
    for (let t = this.lexer.peek(); t.kind === "op" && t.op === "\n"; t = this.lexer.peek()) this.next();
  }

  protected next(): ShellToken {
    const t = this.lexer.next();
    this.lastEnd = t.end;
    return t;
  }

  protected error(reason: string): void {
    if (!this.errors.includes(reason)) this.errors.push(reason);
  }

  /** A compound command introduced by reserved word `keyword`, or undefined when it is not one. */
  protected abstract keywordCommand(keyword: string, t: ShellToken): CompoundNode | null;
}
