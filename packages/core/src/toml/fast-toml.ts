// A fast, deliberately narrow TOML 1.0 reader for the common shape of Codex configuration files:
// tables, arrays of tables, bare/quoted/dotted keys, single-line strings, integers, booleans,
// arrays and single-line inline tables. It returns the same values `parseToml`'s full parser
// builds, or null for anything outside that subset or anything it doubts (multi-line strings,
// floats, date-times, TOML 1.1 syntax, any redefinition question, any error), and the full parser
// decides those. So it can be wrong only by accepting what the full parser rejects, or by building
// another value: fast-toml.test.ts checks both against the full parser on every TOML file in the
// repository and on mutated documents. Why: the full parser, cold in a fresh process, costs ~3 ms
// of `warden explain`'s start; positions, which only error messages need, are computed on demand.
import type { TomlTable, TomlValue } from "./toml-value.ts";

/** How a table came to be, which decides what may extend it later. */
const Made = {
  /** By a [header] path's parent segment: a later [header] may still define it. */
  Implicit: 0,
  /** By its own [header] or [[header]], or the root. */
  Defined: 1,
  /** By a dotted key, in one header section. */
  Dotted: 2,
  /** An inline table: closed. */
  Inline: 3,
} as const;
type Made = (typeof Made)[keyof typeof Made];

interface TableState {
  made: Made;
  section: number;
}

/** Thrown to give up; caught once at the top. */
class GiveUp {}
const GIVE_UP = new GiveUp();
function giveUp(): never {
  throw GIVE_UP;
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const DECIMAL = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
const HEX = /^0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*$/;
const OCTAL = /^0o[0-7](?:_?[0-7])*$/;
const BINARY = /^0b[01](?:_?[01])*$/;
/** Arrays and inline tables nested deeper than this are the full parser's (which reports a stack overflow). */
const MAX_DEPTH = 64;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const ESCAPES: Readonly<Record<string, string>> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  '"': '"',
  "\\": "\\",
};

/** The document's value, or null when the full parser must decide. */
export function fastParseToml(source: string): TomlTable | null {
  try {
    return new Reader(source).document();
  } catch (error) {
    // A stack overflow cannot happen below MAX_DEPTH, but the full parser owns that answer anyway.
    if (error === GIVE_UP || error instanceof RangeError) return null;
    throw error;
  }
}

class Reader {
  private at = 0;
  private depth = 0;
  private section = 0;
  private readonly tables = new WeakMap<object, TableState>();
  private readonly arraysOfTables = new WeakSet<TomlValue[]>();

  constructor(private readonly s: string) {}

  document(): TomlTable {
    const root: TomlTable = {};
    this.tables.set(root, { made: Made.Defined, section: 0 });
    let current = root;
    while (this.at < this.s.length) {
      this.spaces();
      if (this.lineEnd()) continue;
      if (this.s[this.at] === "[") current = this.header(root);
      else this.keyValue(current, this.section);
      this.spaces();
      if (!this.lineEnd()) giveUp();
    }
    return root;
  }

  /** Consumes an optional comment and a newline (or the end); false when something else follows. */
  private lineEnd(): boolean {
    const { s } = this;
    if (s[this.at] === "#") {
      for (this.at++; this.at < s.length && s[this.at] !== "\n" && s[this.at] !== "\r"; this.at++) {
        if (isControl(s.charCodeAt(this.at))) giveUp();
      }
    }
    if (this.at >= s.length) return true;
    if (s[this.at] === "\n") {
      this.at++;
      return true;
    }
    if (s[this.at] === "\r" && s[this.at + 1] === "\n") {
      this.at += 2;
      return true;
    }
    return false;
  }

  private spaces(): void {
    while (this.s[this.at] === " " || this.s[this.at] === "\t") this.at++;
  }

  /** Spaces, newlines and comments, as allowed between array elements. */
  private blank(): void {
    for (;;) {
      this.spaces();
      const c = this.s[this.at];
      if (c !== "#" && c !== "\n" && c !== "\r") return;
      if (!this.lineEnd()) giveUp();
    }
  }

  private header(root: TomlTable): TomlTable {
    const { s } = this;
    const array = s[this.at + 1] === "[";
    this.at += array ? 2 : 1;
    this.spaces();
    const keys = this.key();
    this.spaces();
    if (s[this.at] !== "]" || (array && s[this.at + 1] !== "]")) giveUp();
    this.at += array ? 2 : 1;
    this.section++;
    let table = root;
    for (const key of keys.slice(0, -1)) table = this.descend(table, key);
    const last = keys[keys.length - 1]!;
    const existing = own(table, last);
    if (array) {
      const element: TomlTable = {};
      this.tables.set(element, { made: Made.Defined, section: this.section });
      if (existing === undefined) {
        const list: TomlValue[] = [element];
        this.arraysOfTables.add(list);
        table[last] = list;
      } else if (Array.isArray(existing) && this.arraysOfTables.has(existing)) {
        existing.push(element);
      } else {
        giveUp();
      }
      return element;
    }
    if (existing === undefined) {
      const created: TomlTable = {};
      this.tables.set(created, { made: Made.Defined, section: this.section });
      table[last] = created;
      return created;
    }
    const state = this.stateOf(existing);
    if (state?.made !== Made.Implicit) giveUp();
    state.made = Made.Defined;
    state.section = this.section;
    return existing as TomlTable;
  }

  /** A [header] path's parent segment: an existing table or the last table of an array of tables. */
  private descend(table: TomlTable, key: string): TomlTable {
    const existing = own(table, key);
    if (existing === undefined) {
      const created: TomlTable = {};
      this.tables.set(created, { made: Made.Implicit, section: this.section });
      table[key] = created;
      return created;
    }
    if (Array.isArray(existing)) {
      if (!this.arraysOfTables.has(existing)) giveUp();
      return existing[existing.length - 1] as TomlTable;
    }
    const made = this.stateOf(existing)?.made;
    if (made !== Made.Implicit && made !== Made.Defined) giveUp();
    return existing as TomlTable;
  }

  private keyValue(table: TomlTable, section: number): void {
    const keys = this.key();
    this.spaces();
    if (this.s[this.at] !== "=") giveUp();
    this.at++;
    this.spaces();
    const value = this.value();
    let target = table;
    for (const key of keys.slice(0, -1)) {
      const existing = own(target, key);
      if (existing === undefined) {
        const created: TomlTable = {};
        this.tables.set(created, { made: Made.Dotted, section });
        target[key] = created;
        target = created;
        continue;
      }
      const state = this.stateOf(existing);
      if (state?.made !== Made.Dotted || state.section !== section) giveUp();
      target = existing as TomlTable;
    }
    const last = keys[keys.length - 1]!;
    if (own(target, last) !== undefined) giveUp();
    target[last] = value;
  }

  private key(): string[] {
    const keys: string[] = [];
    for (;;) {
      const c = this.s[this.at];
      let key: string;
      if (c === '"') key = this.basicString();
      else if (c === "'") key = this.literalString();
      else {
        const start = this.at;
        while (this.at < this.s.length && BARE_KEY.test(this.s[this.at]!)) this.at++;
        if (this.at === start) giveUp();
        key = this.s.slice(start, this.at);
      }
      if (key === "__proto__") giveUp();
      keys.push(key);
      this.spaces();
      if (this.s[this.at] !== ".") return keys;
      this.at++;
      this.spaces();
    }
  }

  private value(): TomlValue {
    const { s } = this;
    const c = s[this.at];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    if (c === "[" || c === "{") {
      if (++this.depth > MAX_DEPTH) giveUp();
      const nested = c === "[" ? this.array() : this.inlineTable();
      this.depth--;
      return nested;
    }
    const start = this.at;
    while (this.at < s.length && !" \t\r\n,]}#".includes(s[this.at]!)) this.at++;
    const token = s.slice(start, this.at);
    if (token === "true") return true;
    if (token === "false") return false;
    return integer(token);
  }

  private basicString(): string {
    const { s } = this;
    if (s.startsWith('"""', this.at)) giveUp();
    let out = "";
    for (this.at++; ; ) {
      const c = s[this.at];
      if (c === undefined) giveUp();
      this.at++;
      if (c === '"') return out;
      if (c === "\\") {
        out += this.escape();
        continue;
      }
      if (isControl(c.charCodeAt(0))) giveUp();
      out += c;
    }
  }

  private escape(): string {
    const c = this.s[this.at++];
    if (c === undefined) giveUp();
    const simple = ESCAPES[c];
    if (simple !== undefined) return simple;
    const digits = c === "u" ? 4 : c === "U" ? 8 : giveUp();
    const hex = this.s.slice(this.at, this.at + digits);
    if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) giveUp();
    this.at += digits;
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp();
    return String.fromCodePoint(code);
  }

  private literalString(): string {
    const { s } = this;
    if (s.startsWith("'''", this.at)) giveUp();
    const start = ++this.at;
    for (; ; this.at++) {
      const c = s[this.at];
      if (c === undefined) giveUp();
      if (c === "'") break;
      if (isControl(c.charCodeAt(0))) giveUp();
    }
    return s.slice(start, this.at++);
  }

  private array(): TomlValue[] {
    const out: TomlValue[] = [];
    this.at++;
    for (;;) {
      this.blank();
      if (this.s[this.at] === "]") break;
      out.push(this.value());
      this.blank();
      if (this.s[this.at] === ",") this.at++;
      else if (this.s[this.at] !== "]") giveUp();
    }
    this.at++;
    return out;
  }

  private inlineTable(): TomlTable {
    const out: TomlTable = {};
    this.at++;
    this.spaces();
    if (this.s[this.at] === "}") {
      this.at++;
      this.close(out);
      return out;
    }
    // Its own section number: dotted keys inside may extend only tables made inside it.
    const section = -++this.section;
    for (;;) {
      this.spaces();
      this.keyValue(out, section);
      this.spaces();
      const c = this.s[this.at++];
      if (c === "}") break;
      if (c !== ",") giveUp();
    }
    this.close(out);
    return out;
  }

  /** Marks an inline table and every table inside it closed. */
  private close(table: TomlTable): void {
    this.tables.set(table, { made: Made.Inline, section: 0 });
    for (const value of Object.values(table)) {
      if (typeof value === "object" && value !== null && !Array.isArray(value) && this.tables.has(value)) {
        this.close(value as TomlTable);
      }
    }
  }

  private stateOf(value: TomlValue): TableState | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? this.tables.get(value) : undefined;
  }
}

function own(table: TomlTable, key: string): TomlValue | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** TOML forbids control characters other than tab in strings and comments. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

function integer(token: string): bigint {
  let value: bigint;
  if (DECIMAL.test(token)) value = BigInt(token.replaceAll("_", ""));
  else if (HEX.test(token) || OCTAL.test(token) || BINARY.test(token)) value = BigInt(token.replaceAll("_", ""));
  else giveUp(); // floats, date-times, inf/nan and anything malformed
  if (value < I64_MIN || value > I64_MAX) giveUp();
  return value;
}
