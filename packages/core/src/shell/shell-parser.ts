/**
 * Recursive-descent parser for the bash grammar: on top of the list level (`shell-list-parser.ts`)
 * it parses groups, `if`/`for`/`select`/`while`/`until`/`case`, `[[ … ]]` and `function`.
 */
import type { ShellToken } from "./shell-lexer.ts";
import { MAX_NESTING, ShellListParser } from "./shell-list-parser.ts";
import type { CompoundKind, CompoundNode, ParsedScript, Pipeline } from "./shell-syntax.ts";
import { UnanalysableReason } from "./unanalysable-reason.ts";

const STOP_THEN = new Set(["then"]);
const STOP_ELSE = new Set(["elif", "else", "fi"]);
const STOP_FI = new Set(["fi"]);
const STOP_DO = new Set(["do"]);
const STOP_DONE = new Set(["done"]);
const STOP_BRACE = new Set(["}"]);
const STOP_ESAC = new Set(["esac"]);

/** Parses `source[start, limit)`; with `untilParen` it ends at an unmatched `)` and returns its index. */
export function parseShellScript(
  source: string,
  start = 0,
  limit = source.length,
  untilParen = false,
  depth = 0,
): { script: ParsedScript; end: number } {
  const parser = new ShellParser(source, start, limit, depth);
  const { pipelines, end } = parser.program(untilParen);
  return { script: { source, start, end, pipelines, errors: parser.errors }, end };
}

function parseNested(source: string, start: number, limit: number, untilParen: boolean, depth: number) {
  if (depth <= MAX_NESTING) return parseShellScript(source, start, limit, untilParen, depth);
  let end = limit;
  let open = 0;
  for (let i = start; untilParen && i < limit; i++) {
    const c = source[i];
    if (c === "(") open++;
    else if (c === ")" && open-- === 0) {
      end = i;
      break;
    }
  }
  const script: ParsedScript = { source, start, end, pipelines: [], errors: [UnanalysableReason.tooDeep] };
  return { script, end };
}

class ShellParser extends ShellListParser {
  constructor(src: string, start: number, limit: number, depth: number) {
    super(src, start, limit, depth, parseNested);
  }

  protected keywordCommand(keyword: string, t: ShellToken): CompoundNode | null {
    switch (keyword) {
      case "{":
        return this.block(t, "group", STOP_BRACE, "}");
      case "if":
        return this.ifClause(t);
      case "for":
      case "select":
        return this.forClause(t);
      case "while":
      case "until":
        return this.whileClause(t);
      case "case":
        return this.caseClause(t);
      case "[[":
        return this.testClause(t);
      case "function":
        return this.functionKeyword(t);
    }
    return null;
  }

  private block(t: ShellToken, kind: CompoundKind, stop: Set<string>, close: string): CompoundNode {
    this.next();
    const body: Pipeline[] = [];
    this.list(body, stop);
    this.expect(close);
    return this.compound(kind, t.start, body, []);
  }

  private ifClause(t: ShellToken): CompoundNode {
    this.next();
    const body: Pipeline[] = [];
    for (let k: string | null = "if"; k === "if" || k === "elif"; k = this.keyword()) {
      if (k === "elif") this.next();
      this.list(body, STOP_THEN);
      this.expect("then");
      this.list(body, STOP_ELSE);
    }
    if (this.keyword() === "else") {
      this.next();
      this.list(body, STOP_FI);
    }
    this.expect("fi");
    return this.compound("if", t.start, body, []);
  }

  private forClause(t: ShellToken): CompoundNode {
    this.next();
    const words: CompoundNode["words"] = [];
    const head = this.lexer.peek();
    if (head.kind === "op" && head.op === "(" && this.lexer.charAfter(head) === 40) {
      words.push(this.lexer.readArithmeticAt(head));
    } else {
      if (head.kind === "word") this.next();
      else this.error(UnanalysableReason.syntax);
      this.skipNewlines();
      if (this.keyword() === "in") {
        this.next();
        for (let w = this.lexer.peek(); w.kind === "word"; w = this.lexer.peek()) {
          this.next();
          words.push(w.word);
        }
      }
    }
    const sep = this.lexer.peek();
    if (sep.kind === "op" && (sep.op === ";" || sep.op === "\n")) this.next();
    this.skipNewlines();
    const loop = this.doDone();
    return this.compound("loop", t.start, loop, words);
  }

  private whileClause(t: ShellToken): CompoundNode {
    this.next();
    const body: Pipeline[] = [];
    this.list(body, STOP_DO);
    body.push(...this.doDone());
    return this.compound("loop", t.start, body, []);
  }

  private doDone(): Pipeline[] {
    const body: Pipeline[] = [];
    this.expect("do");
    this.list(body, STOP_DONE);
    this.expect("done");
    return body;
  }

  /** `pat | pat )`; false (with an error) when the clause is malformed. */
  private casePatterns(words: CompoundNode["words"]): boolean {
    for (;;) {
      const p = this.lexer.peek();
      if (p.kind !== "word") break;
      this.next();
      words.push(p.word);
      const sep = this.lexer.peek();
      if (sep.kind === "op" && sep.op === ")") {
        this.next();
        return true;
      }
      if (sep.kind !== "op" || sep.op !== "|") break;
      this.next();
    }
    this.error(UnanalysableReason.syntax);
    return false;
  }

  private testClause(t: ShellToken): CompoundNode {
    this.next();
    const words: CompoundNode["words"] = [];
    // Inside `[[ … ]]`, `<`, `>`, `(`, `&&` are operators of the test, so tokens are only collected.
    for (;;) {
      const w = this.lexer.peek();
      if (w.kind === "eof") {
        this.error(UnanalysableReason.syntax);
        break;
      }
      this.next();
      if (w.kind === "word") {
        if (!w.word.quoted && w.word.value === "]]") break;
        words.push(w.word);
      } else if (w.kind === "redirect" && w.redirect.target !== null) {
        words.push(w.redirect.target);
      }
    }
    return this.compound("test", t.start, [], words);
  }

  private functionKeyword(t: ShellToken): CompoundNode {
    this.next();
    if (this.lexer.peek().kind === "word") this.next();
    else this.error(UnanalysableReason.syntax);
    const open = this.lexer.peek();
    return open.kind === "op" && open.op === "(" ? this.functionParens(t.start) : this.functionBody(t.start);
  }

  private caseClause(t: ShellToken): CompoundNode {
    this.next();
    const words: CompoundNode["words"] = [];
    const body: Pipeline[] = [];
    const subject = this.lexer.peek();
    if (subject.kind === "word") {
      this.next();
      words.push(subject.word);
    } else {
      this.error(UnanalysableReason.syntax);
    }
    this.skipNewlines();
    this.expect("in");
    for (;;) {
      this.skipNewlines();
      const k = this.keyword();
      if (k === "esac") {
        this.next();
        break;
      }
      const open = this.lexer.peek();
      if (open.kind === "op" && open.op === "(") this.next();
      if (!this.casePatterns(words)) break;
      this.list(body, STOP_ESAC);
      const end = this.lexer.peek();
      if (end.kind === "op" && (end.op === ";;" || end.op === ";&" || end.op === ";;&")) this.next();
      else if (this.keyword() !== "esac") {
        this.error(UnanalysableReason.syntax);
        break;
      }
    }
    return this.compound("case", t.start, body, words);
  }
}
