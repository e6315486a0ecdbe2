import { isTable, TomlDateTime, type TomlValue } from "../toml/toml-value.ts";

// Rust renders these with `\u{…}` in `{:?}` output: control, format, unassigned, private-use and
// separator characters other than the ASCII space, plus grapheme extenders (combining marks).
const NEEDS_UNICODE_ESCAPE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;

/** Rust's `{:?}` for a `str`, e.g. `"a\tb"`, `"\u{a0}"` (probed against Codex 0.169.0). */
export function rustDebugString(text: string): string {
  let out = '"';
  for (const ch of text) {
    switch (ch) {
      case "\t":
        out += "\\t";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\\":
        out += "\\\\";
        break;
      case '"':
        out += '\\"';
        break;
      case "\0":
        out += "\\0";
        break;
      default:
        out += ch !== " " && NEEDS_UNICODE_ESCAPE.test(ch) ? `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}` : ch;
    }
  }
  return `${out}"`;
}

/** Rust's `Display` for `f64`: shortest round-trip digits, never an exponent (`1e21` → `1000…0`). */
export function rustFloatDisplay(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (Object.is(value, -0)) return "-0";
  const sign = value < 0 ? "-" : "";
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** serde's `WithDecimalPoint`: finite floats always show a `.` (`1` → `1.0`). */
export function serdeFloatDisplay(value: number): string {
  const text = rustFloatDisplay(value);
  return Number.isFinite(value) && !text.includes(".") ? `${text}.0` : text;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** `toml_datetime`'s Display: `T` separator, upper-case `Z`, fraction trimmed of trailing zeros. */
export function tomlDateTimeDisplay(dateTime: TomlDateTime): string {
  const match = DATE_TIME.exec(dateTime.text);
  if (!match) return dateTime.text;
  const [, date, hour, minute, second = "00", fraction, offset] = match;
  let time = "";
  if (hour !== undefined) {
    time = `${hour}:${minute}:${second}`;
    const nanos = (fraction ?? "").slice(0, 9).padEnd(9, "0");
    if (/[1-9]/.test(nanos)) time += `.${nanos.replace(/0+$/, "")}`;
  }
  let out = date ?? "";
  if (date && time) out += "T";
  out += time;
  if (offset) out += renderOffset(offset);
  return out;
}

function renderOffset(offset: string): string {
  if (offset === "Z" || offset === "z") return "Z";
  const minutes = (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * (offset[0] === "-" ? -1 : 1);
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** serde's `Unexpected` Display for a TOML value, e.g. ``integer `1` ``, `string "x"`, `map`. */
export function unexpectedOf(value: TomlValue): string {
  if (typeof value === "boolean") return `boolean \`${value}\``;
  if (typeof value === "bigint") return `integer \`${value}\``;
  if (typeof value === "number") return `floating point \`${serdeFloatDisplay(value)}\``;
  if (typeof value === "string") return `string ${rustDebugString(value)}`;
  if (value instanceof TomlDateTime) return `string ${rustDebugString(tomlDateTimeDisplay(value))}`;
  if (Array.isArray(value)) return "sequence";
  return "map";
}

/** `toml::Value::type_str`, used in `expected table, found {type}`. */
export function tomlTypeStr(value: TomlValue): string {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "bigint") return "integer";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "string";
  if (value instanceof TomlDateTime) return "datetime";
  if (Array.isArray(value)) return "array";
  return isTable(value) ? "table" : "string";
}

// Rust `char::is_whitespace` (Unicode White_Space). Unlike JS `trim`, U+0085 is whitespace and
// U+FEFF is not.
const RUST_WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const RUST_TRIM = new RegExp(`^[${RUST_WS}]+|[${RUST_WS}]+$`, "g");

/** Rust's `str::trim`. */
export function rustTrim(text: string): string {
  return text.replace(RUST_TRIM, "");
}
