/**
 * SCIM filters (RFC 7644 §3.4.2.2): a parser for the whole grammar (`and`, `or`, `not (…)`,
 * grouping, `attr[valFilter]`, `pr` and the nine comparison operators). Also parses the `[…]`
 * part of PATCH paths. Checking and evaluating them: `scim-filter-match.ts`.
 * @module
 */
import { badRequest } from "./scim-error.ts";

/** `[urn:]attribute[.subAttribute]`. */
export interface AttributePath {
  readonly urn: string | null;
  readonly attribute: string;
  readonly subAttribute: string | null;
}

/** A comparison operator. */
export type CompareOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "lt" | "ge" | "le";

/** A parsed filter. */
export type ScimFilter =
  | { readonly kind: "and" | "or"; readonly left: ScimFilter; readonly right: ScimFilter }
  | { readonly kind: "not"; readonly filter: ScimFilter }
  | { readonly kind: "present"; readonly path: AttributePath }
  | {
      readonly kind: "compare";
      readonly path: AttributePath;
      readonly op: CompareOperator;
      readonly value: string | number | boolean | null;
    }
  | { readonly kind: "valuePath"; readonly path: AttributePath; readonly filter: ScimFilter };

const COMPARE_OPERATORS: readonly string[] = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"];
const NAME = /^[A-Za-z$][\w$-]*$/;

/** A filter text the grammar does not accept; callers turn it into `invalidFilter` or `invalidPath`. */
export class FilterSyntaxError extends Error {}

/** Splits `[urn:]attr[.sub]`; null when `word` is not an attribute path. */
export function parseAttributePath(word: string): AttributePath | null {
  let urn: string | null = null;
  let rest = word;
  const colon = word.lastIndexOf(":");
  if (colon !== -1) {
    if (!/^urn:/i.test(word)) return null;
    urn = word.slice(0, colon);
    rest = word.slice(colon + 1);
  }
  const [attribute, subAttribute, ...more] = rest.split(".");
  if (more.length > 0 || attribute === undefined || !NAME.test(attribute)) return null;
  if (subAttribute !== undefined && !NAME.test(subAttribute)) return null;
  return { urn, attribute, subAttribute: subAttribute ?? null };
}

type Token =
  | { kind: "punct"; text: "(" | ")" | "[" | "]" }
  | { kind: "string"; value: string }
  | { kind: "word"; text: string };

class FilterParser {
  pos = 0;
  constructor(private readonly text: string) {}

  private fail(message: string): never {
    throw new FilterSyntaxError(`${message} at character ${this.pos + 1}`);
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  peek(): Token | null {
    const start = this.pos;
    const token = this.next();
    this.pos = start;
    return token;
  }

  next(): Token | null {
    this.skipSpaces();
    if (this.pos >= this.text.length) return null;
    const char = this.text[this.pos]!;
    if (char === "(" || char === ")" || char === "[" || char === "]") {
      this.pos++;
      return { kind: "punct", text: char };
    }
    if (char === '"') {
      let end = this.pos + 1;
      while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === "\\" ? 2 : 1;
      if (end >= this.text.length) this.fail("unterminated string");
      const raw = this.text.slice(this.pos, end + 1);
      try {
        const value = JSON.parse(raw) as string;
        this.pos = end + 1;
        return { kind: "string", value };
      } catch {
        this.fail(`invalid string ${raw}`);
      }
    }
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s()[\]"]/.test(this.text[this.pos]!)) this.pos++;
    return { kind: "word", text: this.text.slice(start, this.pos) };
  }

  private isWord(token: Token | null, word: string): boolean {
    return token?.kind === "word" && token.text.toLowerCase() === word;
  }

  parseOr(): ScimFilter {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), "or")) {
      this.next();
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ScimFilter {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), "and")) {
      this.next();
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private expect(text: ")" | "]"): void {
    const token = this.next();
    if (token?.kind !== "punct" || token.text !== text) this.fail(`expected "${text}"`);
  }

  private parseUnary(): ScimFilter {
    const token = this.next();
    if (token === null) this.fail("expected an attribute, `not` or `(`");
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.parseOr();
      this.expect(")");
      return inner;
    }
    if (this.isWord(token, "not")) {
      const open = this.next();
      if (open?.kind !== "punct" || open.text !== "(") this.fail('expected "(" after not');
      const inner = this.parseOr();
      this.expect(")");
      return { kind: "not", filter: inner };
    }
    if (token.kind !== "word") this.fail("expected an attribute");
    const path = parseAttributePath(token.text);
    if (path === null) this.fail(`not an attribute path: ${JSON.stringify(token.text)}`);
    const after = this.peek();
    if (after?.kind === "punct" && after.text === "[") {
      this.next();
      const filter = this.parseOr();
      this.expect("]");
      return { kind: "valuePath", path, filter };
    }
    const operator = this.next();
    if (operator?.kind !== "word") this.fail(`expected an operator after ${token.text}`);
    const op = operator.text.toLowerCase();
    if (op === "pr") return { kind: "present", path };
    if (!COMPARE_OPERATORS.includes(op)) this.fail(`unknown operator ${JSON.stringify(operator.text)}`);
    return { kind: "compare", path, op: op as CompareOperator, value: this.parseValue() };
  }

  private parseValue(): string | number | boolean | null {
    const token = this.next();
    if (token?.kind === "string") return token.value;
    if (token?.kind === "word") {
      const word = token.text.toLowerCase();
      if (word === "true") return true;
      if (word === "false") return false;
      if (word === "null") return null;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    }
    this.fail("expected a value (a quoted string, a number, true, false or null)");
  }

  atEnd(): boolean {
    return this.peek() === null;
  }
}

/** Parses a whole `filter` query parameter; 400 `invalidFilter` when it is not one. */
export function parseFilter(text: string): ScimFilter {
  try {
    const parser = new FilterParser(text);
    const filter = parser.parseOr();
    if (!parser.atEnd()) throw new FilterSyntaxError(`unexpected text at character ${parser.pos + 1}`);
    return filter;
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest("invalidFilter", `filter: ${error.message}`);
    throw error;
  }
}

/** Parses the value filter of a PATCH path from `start` (just after `[`); returns it and the index of its `]`. */
export function parseBracketFilter(text: string, start: number): { filter: ScimFilter; end: number } {
  const parser = new FilterParser(text);
  parser.pos = start;
  const filter = parser.parseOr();
  const close = parser.next();
  if (close?.kind !== "punct" || close.text !== "]") throw new FilterSyntaxError('expected "]"');
  return { filter, end: parser.pos - 1 };
}
