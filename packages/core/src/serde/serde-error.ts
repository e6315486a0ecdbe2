/**
 * serde / `toml` crate deserialization errors, rendered byte-for-byte like Codex 0.169.0
 * (requirements-spec §1 "General parsing rules").
 *
 * A `toml::de::Error` carries a message and the table keys it bubbled through (outermost first).
 * Its Display is `{message}\n` followed by `in `{keys joined by "."}`\n` when there are keys.
 * Array indexes and enum variant keys are never part of the path.
 */

/** A deserialization failure: serde's message plus the table keys it passed through (outermost first). */
export interface SerdeError {
  readonly message: string;
  readonly path: readonly string[];
}

/** Result of deserializing one value. */
export type DeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerdeError };

/** Wraps a successful value. */
export function ok<T>(value: T): DeResult<T> {
  return { ok: true, value };
}

/** A failed result with a path-less error (serde `Error::custom`). */
export function fail<T = never>(message: string): DeResult<T> {
  return { ok: false, error: { message, path: [] } };
}

/** Re-types a failed result (errors carry no value type). */
export function propagate<T>(result: { ok: false; error: SerdeError }): DeResult<T> {
  return result;
}

/** Prepends a table key, as `toml`'s `MapDeserializer::next_value_seed` does for a failing value. */
export function withKey(error: SerdeError, key: string): SerdeError {
  return { message: error.message, path: [key, ...error.path] };
}

/** Renders the error exactly like `toml::de::Error`'s Display for a value-deserialized document. */
export function formatSerdeError(error: SerdeError): string {
  const suffix = error.path.length > 0 ? `in \`${error.path.join(".")}\`\n` : "";
  return `${error.message}\n${suffix}`;
}

/** serde's `OneOf` list: "`a`", "`a` or `b`", "one of `a`, `b`, `c`". */
export function oneOf(names: readonly string[]): string {
  if (names.length === 1) return `\`${names[0]}\``;
  if (names.length === 2) return `\`${names[0]}\` or \`${names[1]}\``;
  return `one of ${names.map((name) => `\`${name}\``).join(", ")}`;
}

/** `invalid type: {unexpected}, expected {expecting}` (serde `Error::invalid_type`). */
export function invalidType(unexpected: string, expecting: string): string {
  return `invalid type: ${unexpected}, expected ${expecting}`;
}

/** `invalid value: {unexpected}, expected {expecting}` (serde `Error::invalid_value`). */
export function invalidValue(unexpected: string, expecting: string): string {
  return `invalid value: ${unexpected}, expected ${expecting}`;
}

/** `invalid length {len}, expected {expecting}` (serde `Error::invalid_length`). */
export function invalidLength(length: number, expecting: string): string {
  return `invalid length ${length}, expected ${expecting}`;
}

/** serde `Error::unknown_variant`. */
export function unknownVariant(variant: string, expected: readonly string[]): string {
  return expected.length === 0
    ? `unknown variant \`${variant}\`, there are no variants`
    : `unknown variant \`${variant}\`, expected ${oneOf(expected)}`;
}

/** serde `Error::unknown_field`. */
export function unknownField(field: string, expected: readonly string[]): string {
  return expected.length === 0
    ? `unknown field \`${field}\`, there are no fields`
    : `unknown field \`${field}\`, expected ${oneOf(expected)}`;
}

/** serde `Error::missing_field`. */
export function missingField(field: string): string {
  return `missing field \`${field}\``;
}

/** serde `Error::duplicate_field`. */
export function duplicateField(field: string): string {
  return `duplicate field \`${field}\``;
}

/** The `expecting` text serde derive uses when a struct is read from a too-short sequence. */
export function structLengthExpecting(label: string, fieldCount: number): string {
  return `${label} with ${fieldCount} element${fieldCount === 1 ? "" : "s"}`;
}
