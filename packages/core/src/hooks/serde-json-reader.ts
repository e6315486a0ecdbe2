import { type Content, unexpectedContent } from "./hook-content.ts";
import { isDigit, SerdeJsonCursor } from "./serde-json-cursor.ts";

/**
 * serde_json 1.x's `Deserializer<StrRead>` for the shapes Codex reads from `hooks.json`: containers,
 * buffered `Content`, and the places serde_json positions visitor errors. Visitor errors thrown by
 * callers are positioned with `fix` at the point serde_json would do it (after `end_seq`/`end_map`
 * has run). `decodeHooksJson` turns the thrown `SerdeJsonError` into a value.
 */
export class SerdeJsonReader extends SerdeJsonCursor {
  /** Reads any value into `Content` (`deserialize_any` with serde's `ContentVisitor`). */
  readContent(): Content {
    const peek = this.parseWhitespace();
    if (peek === null) throw this.peekError("EOF while parsing a value");
    try {
      if (peek === 0x5b || peek === 0x7b) {
        return this.nested(() => {
          this.eat();
          const items: Content[] = [];
          const entries: Array<[string, Content]> = [];
          const state = { first: true };
          const result = attempt(() => {
            if (peek === 0x5b) while (this.nextElement(state)) items.push(this.readContent());
            else {
              for (let key = this.nextKey(state); key !== null; key = this.nextKey(state)) {
                this.parseObjectColon();
                entries.push([key, this.readContent()]);
              }
            }
          });
          this.finish(result, peek === 0x5b ? () => this.endSeq() : () => this.endMap());
          return peek === 0x5b ? { kind: "seq", items } : { kind: "map", entries };
        });
      }
      return this.readScalar(peek, null);
    } catch (error) {
      throw this.fix(error);
    }
  }

  /** Reads a scalar; with `expecting` set, any value becomes `invalid type` (`peek_invalid_type`). */
  readScalar(peek: number, expecting: string | null): Content {
    let content: Content;
    if (peek === 0x6e || peek === 0x74 || peek === 0x66) {
      this.eat();
      this.parseIdent(peek === 0x6e ? "ull" : peek === 0x74 ? "rue" : "alse");
      content = peek === 0x6e ? { kind: "null" } : { kind: "bool", value: peek === 0x74 };
    } else if (peek === 0x2d || isDigit(peek)) {
      if (peek === 0x2d) this.eat();
      content = this.parseNumber(peek !== 0x2d);
    } else if (peek === 0x22) {
      this.eat();
      content = { kind: "string", value: this.parseString() };
    } else if (expecting !== null && (peek === 0x5b || peek === 0x7b)) {
      throw this.error(`invalid type: ${peek === 0x5b ? "sequence" : "map"}, expected ${expecting}`);
    } else {
      throw this.peekError("expected value");
    }
    if (expecting === null) return content;
    const unexpected = content.kind === "number" ? "number" : unexpectedContent(content);
    throw this.error(`invalid type: ${unexpected}, expected ${expecting}`);
  }

  /** Reports a value of the wrong type (`peek_invalid_type`); always throws. */
  rejectValue(peek: number, expecting: string): never {
    this.readScalar(peek, expecting);
    throw new Error("readScalar must throw when a type is expected");
  }

  /** `SeqAccess::has_next_element`: true when another element follows. */
  nextElement(state: { first: boolean }): boolean {
    const peek = this.separator(state, 0x5d, "expected `,` or `]`", "EOF while parsing a list");
    if (peek === null) return false;
    if (peek === 0x5d) throw this.peekError("trailing comma");
    return true;
  }

  /** `MapAccess::next_key_seed`: the next key, or null at `}`. */
  nextKey(state: { first: boolean }): string | null {
    const peek = this.separator(state, 0x7d, "expected `,` or `}`", "EOF while parsing an object");
    if (peek === null) return null;
    if (peek === 0x22) {
      this.eat();
      return this.parseString();
    }
    throw this.peekError(peek === 0x7d ? "trailing comma" : "key must be a string");
  }

  private separator(state: { first: boolean }, close: number, missingComma: string, eof: string): number | null {
    let peek = this.parseWhitespace();
    if (peek === close) return null;
    if (peek === null) throw this.peekError(eof);
    if (peek === 0x2c && !state.first) {
      this.eat();
      peek = this.parseWhitespace();
    } else if (!state.first) {
      throw this.peekError(missingComma);
    }
    state.first = false;
    if (peek === null) throw this.peekError("EOF while parsing a value");
    return peek;
  }

  /** Consumes the `:` after a key (`parse_object_colon`). */
  parseObjectColon(): void {
    const peek = this.parseWhitespace();
    if (peek === 0x3a) this.eat();
    else throw this.peekError(peek === null ? "EOF while parsing an object" : "expected `:`");
  }

  /** serde_json's `end_seq`: consumes `]`, or reports what follows instead. */
  endSeq(): void {
    const peek = this.parseWhitespace();
    if (peek === 0x5d) {
      this.eat();
      return;
    }
    if (peek === 0x2c) {
      this.eat();
      throw this.peekError(this.parseWhitespace() === 0x5d ? "trailing comma" : "trailing characters");
    }
    throw this.peekError(peek === null ? "EOF while parsing a list" : "trailing characters");
  }

  /** serde_json's `end_map`: consumes `}`, or reports what follows instead. */
  endMap(): void {
    const peek = this.parseWhitespace();
    if (peek === 0x7d) {
      this.eat();
      return;
    }
    throw this.peekError(
      peek === 0x2c ? "trailing comma" : peek === null ? "EOF while parsing an object" : "trailing characters",
    );
  }

  /** Always runs `close` (as serde_json does), then rethrows the visitor's error or close's. */
  finish(result: { error: unknown } | null, close: () => void): void {
    const closed = attempt(close);
    if (result) throw result.error;
    if (closed) throw closed.error;
  }

  /** serde_json's `Deserializer::end`: only whitespace may follow the value. */
  end(): void {
    if (this.parseWhitespace() !== null) throw this.peekError("trailing characters");
  }
}

/** Runs `body`, returning its thrown error (if any) as a value. */
export function attempt(body: () => void): { error: unknown } | null {
  try {
    body();
    return null;
  } catch (error) {
    return { error };
  }
}
