/**
 * JSON text exactly as Codex's app-server prints it (serde_json, compact).
 *
 * `JSON.stringify` already matches serde_json for strings, integers, `null`, key order and
 * nesting. It differs only for floats (serde_json prints `1000.0`, `1e+16`, `-0.0`) and for
 * integers beyond 2^53. Such numbers occur only in free-form values (a managed `mcp_tool` hook's
 * `input`), so they are carried as `JsonNumberLiteral`, which `JSON.stringify` renders through
 * `toJSON()` and `formatCodexJson` renders verbatim.
 */

/** A number whose exact serde_json text is known; `JSON.stringify` sees the nearest JS number. */
export class JsonNumberLiteral {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text);
  }
}

/** A TOML integer as JSON: a plain number when it is exact in JS, else a literal. */
export function integerToJson(value: bigint): number | JsonNumberLiteral {
  const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  return safe ? Number(value) : new JsonNumberLiteral(value.toString());
}

/** A TOML float as JSON (`null` for NaN and infinities, which Codex cannot print either). */
export function floatToJson(value: number): JsonNumberLiteral | null {
  return Number.isFinite(value) ? new JsonNumberLiteral(formatRustFloat(value)) : null;
}

/**
 * Formats a finite f64 the way serde_json 0.169.0 does (observed): shortest round-trip digits,
 * plain notation with a `.0` for integral values when the decimal exponent is in [-5, 16),
 * otherwise `d.ddde±x`.
 */
export function formatRustFloat(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa = "0", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const exponent = Number(exponentText);
  const digits = mantissa.replace(".", "");
  if (exponent < -5 || exponent >= 16) {
    const head = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${head}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const integerLength = exponent + 1;
  if (digits.length <= integerLength) return `${sign}${digits}${"0".repeat(integerLength - digits.length)}.0`;
  return `${sign}${digits.slice(0, integerLength)}.${digits.slice(integerLength)}`;
}

/** Serializes a value built by `toConfigRequirementsJson` to the exact bytes Codex prints. */
export function formatCodexJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof JsonNumberLiteral) return value.text;
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatCodexJson).join(",")}]`;
  if (typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${JSON.stringify(key)}:${formatCodexJson(item)}`,
    );
    return `{${members.join(",")}}`;
  }
  throw new TypeError(`cannot format ${typeof value} as Codex JSON`);
}
