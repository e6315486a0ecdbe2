/**
 * The value model every parsed TOML document is turned into.
 *
 * Integers are `bigint` and floats are `number`, so the serde-style deserializers can tell
 * `integer `1`` from `floating point `1.5`` exactly as Codex's Rust `toml` crate does.
 * Date-times keep their source text.
 */
export type TomlValue = string | bigint | number | boolean | TomlDateTime | TomlValue[] | TomlTable;

/** A TOML table: insertion-ordered keys (as written in the file) to values. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** A TOML offset/local date-time, date or time, kept as written. */
export class TomlDateTime {
  constructor(
    readonly text: string,
    readonly kind: "offset-date-time" | "local-date-time" | "local-date" | "local-time",
  ) {}
  toString(): string {
    return this.text;
  }
}

/** A path to a value inside a document: table keys and array indexes. */
export type KeyPath = ReadonlyArray<string | number>;

/** True for a TOML table (not an array, not a date-time). */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TomlDateTime);
}

/** Renders a key path the way Codex/serde does in `in `a.b.c`` suffixes (array indexes are dropped). */
export function dottedPath(path: KeyPath): string {
  return path.filter((segment) => typeof segment === "string").join(".");
}

/** A deep copy of a TOML value (tables and arrays are copied, scalars shared). */
export function cloneToml<T extends TomlValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneToml(item)) as T;
  if (isTable(value)) {
    const out: TomlTable = {};
    for (const [key, item] of Object.entries(value)) out[key] = cloneToml(item);
    return out as T;
  }
  return value;
}

/** Converts a TOML value to plain JSON (bigint → number when safe, else string; date-times → text). */
export function tomlToJson(value: TomlValue): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof TomlDateTime) return value.text;
  if (Array.isArray(value)) return value.map(tomlToJson);
  if (isTable(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = tomlToJson(item);
    return out;
  }
  return value;
}
