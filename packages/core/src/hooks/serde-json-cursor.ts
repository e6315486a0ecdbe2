/** A serde_json error: its message and, once positioned, the 1-based line and byte column. */
export class SerdeJsonError {
  constructor(
    readonly message: string,
    readonly line = 0,
    readonly column = 0,
  ) {}

  /** serde_json's Display: `{message} at line {line} column {column}` once positioned. */
  toString(): string {
    return this.line === 0 ? this.message : `${this.message} at line ${this.line} column ${this.column}`;
  }
}

const WHITESPACE = new Set([0x20, 0x0a, 0x09, 0x0d]);
const SIMPLE_ESCAPES: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b" };
Object.assign(SIMPLE_ESCAPES, { 102: "\f", 110: "\n", 114: "\r", 116: "\t" });
const DECODER = new TextDecoder();

/** The result of scanning a JSON number the way serde_json's `parse_any_number` does. */
export type ScannedNumber = { kind: "int"; value: bigint } | { kind: "number"; text: string };

/**
 * The scalar half of serde_json 1.x's `Deserializer<StrRead>` as Codex 0.169.0 builds it
 * (`arbitrary_precision`): bytes, whitespace, literals, numbers and strings, with the same syntax
 * errors at the same positions (line, byte column). Methods throw {@link SerdeJsonError}.
 */
export class SerdeJsonCursor {
  private readonly bytes: Uint8Array;
  protected index = 0;
  private remainingDepth = 128;

  constructor(text: string) {
    this.bytes = new TextEncoder().encode(text);
  }

  /** The next byte without consuming it. */
  peek(): number | null {
    return this.index < this.bytes.length ? this.bytes[this.index]! : null;
  }

  /** Consumes one byte. */
  eat(): void {
    this.index++;
  }

  /** Skips JSON whitespace and returns the next byte (`parse_whitespace`). */
  parseWhitespace(): number | null {
    while (this.index < this.bytes.length && WHITESPACE.has(this.bytes[this.index]!)) this.index++;
    return this.peek();
  }

  /** An error at the current position (`Deserializer::error`). */
  error(message: string): SerdeJsonError {
    return this.at(message, this.index);
  }

  /** An error one byte further, covering the peeked byte (`Deserializer::peek_error`). */
  peekError(message: string): SerdeJsonError {
    return this.at(message, Math.min(this.bytes.length, this.index + 1));
  }

  /** Positions an error that has none yet at the current position (`fix_position`). */
  fix(error: unknown): SerdeJsonError {
    if (!(error instanceof SerdeJsonError)) throw error;
    return error.line === 0 ? this.error(error.message) : error;
  }

  private at(message: string, index: number): SerdeJsonError {
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < index; i++) {
      if (this.bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return new SerdeJsonError(message, line, index - lineStart);
  }

  /** Runs `body` inside serde_json's `check_recursion!` guard (128 levels). */
  nested<T>(body: () => T): T {
    if (--this.remainingDepth === 0) throw this.peekError("recursion limit exceeded");
    try {
      return body();
    } finally {
      this.remainingDepth++;
    }
  }

  /** Consumes the rest of `null`/`true`/`false` after its first byte (`parse_ident`). */
  parseIdent(rest: string): void {
    for (let i = 0; i < rest.length; i++) {
      const byte = this.peek();
      if (byte === null) throw this.error("EOF while parsing a value");
      this.eat();
      if (byte !== rest.charCodeAt(i)) throw this.error("expected ident");
    }
  }

  /** Scans a number after its optional `-` (arbitrary-precision `parse_any_number`). */
  parseNumber(positive: boolean): ScannedNumber {
    let text = positive ? "" : "-";
    const first = this.peek();
    if (first === null) throw this.error("EOF while parsing a value");
    this.eat();
    if (first === 0x30) {
      if (isDigit(this.peek())) throw this.peekError("invalid number");
      text += "0";
    } else if (isDigit(first)) {
      text += String.fromCharCode(first);
      text += this.digits();
    } else {
      throw this.error("invalid number");
    }
    const isInteger = this.peek() !== 0x2e && this.peek() !== 0x65 && this.peek() !== 0x45;
    if (this.peek() === 0x2e) {
      this.eat();
      const fraction = this.digits();
      if (fraction === "") throw this.peekError(this.peek() === null ? "EOF while parsing a value" : "invalid number");
      text += `.${fraction}`;
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.eat();
      // Probed: the exponent comes back as `e`, always signed (`1E3` → `1e+3`).
      let sign = "+";
      if (this.peek() === 0x2b || this.peek() === 0x2d) {
        sign = String.fromCharCode(this.peek()!);
        this.eat();
      }
      const digit = this.peek();
      if (digit === null) throw this.error("EOF while parsing a value");
      this.eat();
      if (!isDigit(digit)) throw this.error("invalid number");
      text += `e${sign}${String.fromCharCode(digit)}${this.digits()}`;
    }
    if (isInteger) {
      const value = BigInt(text);
      if (positive ? value <= U64_MAX : value >= I64_MIN) return { kind: "int", value };
    }
    return { kind: "number", text };
  }

  private digits(): string {
    let out = "";
    while (isDigit(this.peek())) {
      out += String.fromCharCode(this.peek()!);
      this.eat();
    }
    return out;
  }

  /** Reads a string body after its opening quote (`parse_str`, validating surrogates). */
  parseString(): string {
    let out = "";
    let start = this.index;
    for (;;) {
      const byte = this.peek();
      if (byte === null) throw this.error("EOF while parsing a string");
      if (byte === 0x22 || byte === 0x5c) {
        out += DECODER.decode(this.bytes.subarray(start, this.index));
        this.eat();
        if (byte === 0x22) return out;
        out += this.parseEscape();
        start = this.index;
      } else {
        this.eat();
        if (byte < 0x20) throw this.error("control character (\\u0000-\\u001F) found while parsing a string");
      }
    }
  }

  private parseEscape(): string {
    const byte = this.peek();
    if (byte === null) throw this.error("EOF while parsing a string");
    this.eat();
    const simple = SIMPLE_ESCAPES[byte];
    if (simple !== undefined) return simple;
    if (byte !== 0x75) throw this.error("invalid escape");
    const first = this.hexEscape();
    if (first >= 0xdc00 && first <= 0xdfff) throw this.error("lone leading surrogate in hex escape");
    if (first < 0xd800 || first > 0xdbff) return String.fromCharCode(first);
    for (const expected of [0x5c, 0x75]) {
      const next = this.peek();
      if (next === null) throw this.error("EOF while parsing a string");
      this.eat();
      if (next !== expected) throw this.error("unexpected end of hex escape");
    }
    const second = this.hexEscape();
    if (second < 0xdc00 || second > 0xdfff) throw this.error("lone leading surrogate in hex escape");
    return String.fromCharCode(first, second);
  }

  private hexEscape(): number {
    if (this.index + 4 > this.bytes.length) {
      this.index = this.bytes.length;
      throw this.error("EOF while parsing a string");
    }
    const hex = DECODER.decode(this.bytes.subarray(this.index, this.index + 4));
    this.index += 4;
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error("invalid escape");
    return Number.parseInt(hex, 16);
  }
}

/** True for an ASCII digit byte. */
export function isDigit(byte: number | null): boolean {
  return byte !== null && byte >= 0x30 && byte <= 0x39;
}

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;
