/**
 * Small readers over an already validated requirements table, and the value conversions the
 * app-server JSON needs (BTreeMap key order, serde's date-time text, free-form values).
 */
import { isTable, TomlDateTime, type TomlTable, type TomlValue } from "../../toml/toml-value.ts";
import { floatToJson, integerToJson } from "./codex-json-format.ts";

/** The sub-table at `key`, or undefined when absent or not a table. */
export function tableAt(table: TomlTable | undefined, key: string): TomlTable | undefined {
  const value = table?.[key];
  return isTable(value) ? value : undefined;
}

/** The string at `key`, or null. */
export function stringAt(table: TomlTable | undefined, key: string): string | null {
  const value = table?.[key];
  return typeof value === "string" ? value : null;
}

/** The boolean at `key`, or null. */
export function boolAt(table: TomlTable | undefined, key: string): boolean | null {
  const value = table?.[key];
  return typeof value === "boolean" ? value : null;
}

/** The integer at `key` as JSON, or null. */
export function integerAt(table: TomlTable | undefined, key: string): unknown {
  const value = table?.[key];
  return typeof value === "bigint" ? integerToJson(value) : null;
}

/** The array at `key`, or undefined. */
export function arrayAt(table: TomlTable | undefined, key: string): TomlValue[] | undefined {
  const value = table?.[key];
  return Array.isArray(value) ? value : undefined;
}

/** The strings of the array at `key`, or null when the key is absent. */
export function stringsAt(table: TomlTable | undefined, key: string): string[] | null {
  const array = arrayAt(table, key);
  return array ? array.filter((item): item is string => typeof item === "string") : null;
}

/** Trims like Rust's `str::trim` (Unicode White_Space, unlike JS `trim`, which also strips U+FEFF). */
export function rustTrim(text: string): string {
  return text.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, "");
}

/** True when `key` is present with any value. */
export function has(table: TomlTable | undefined, key: string): boolean {
  return table !== undefined && table[key] !== undefined;
}

/** Orders strings as Rust's `BTreeMap<String, _>` does: by UTF-8 bytes, i.e. by code point. */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** A table's entries re-keyed in BTreeMap order, each value converted by `convert`. */
export function sortedMap(table: TomlTable, convert: (value: TomlValue) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(table).sort(compareCodePoints)) out[key] = convert(table[key]!);
  return out;
}

/** `sortedMap` for an optional sub-table: null when absent. */
export function sortedMapAt(
  table: TomlTable | undefined,
  key: string,
  convert: (value: TomlValue) => unknown = freeformToJson,
): Record<string, unknown> | null {
  const sub = tableAt(table, key);
  return sub ? sortedMap(sub, convert) : null;
}

/** A free-form TOML value as serde_json prints it (tables keep insertion order). */
export function freeformToJson(value: TomlValue): unknown {
  if (typeof value === "bigint") return integerToJson(value);
  if (typeof value === "number") return floatToJson(value);
  if (value instanceof TomlDateTime) return formatTomlDateTime(value.text);
  if (Array.isArray(value)) return value.map(freeformToJson);
  if (isTable(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = freeformToJson(item);
    return out;
  }
  return value;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})?(?:[Tt ]?(\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/**
 * A TOML date-time as the Rust `toml` crate displays it: `T` separator, upper-case `Z`, seconds
 * always present, fractional seconds as nanoseconds without trailing zeros.
 */
export function formatTomlDateTime(text: string): string {
  const match = DATE_TIME.exec(text);
  if (!match) return text;
  const [, date, hourMinute, seconds, fraction, offset] = match;
  let out = date ?? "";
  if (hourMinute !== undefined) {
    out += `${date ? "T" : ""}${hourMinute}:${seconds ?? "00"}`;
    const nanos = `${fraction ?? ""}000000000`.slice(0, 9).replace(/0+$/, "");
    if (nanos) out += `.${nanos}`;
  }
  if (offset) out += offset.toUpperCase();
  return out;
}
