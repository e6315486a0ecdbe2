import { TomlDateTime, type TomlValue } from "../toml/toml-value.ts";
import { tomlDateTimeDisplay, unexpectedOf } from "./rust-display.ts";
import type { JsonSchema, Schema } from "./schema.ts";
import { type DeResult, fail, formatSerdeError, invalidType, invalidValue, ok } from "./serde-error.ts";

/** Rust `bool`. */
export function bool(): Schema<boolean> {
  return {
    expecting: "a boolean",
    deserialize: (value) =>
      typeof value === "boolean" ? ok(value) : fail(invalidType(unexpectedOf(value), "a boolean")),
    toJsonSchema: () => ({ type: "boolean" }),
  };
}

// Strings accept TOML date-times too: `toml::Value::Datetime` is visited as a string.
function stringLike(expecting: string, fragment: JsonSchema): Schema<string> {
  return {
    expecting,
    deserialize(value) {
      if (typeof value === "string") return ok(value);
      if (value instanceof TomlDateTime) return ok(tomlDateTimeDisplay(value));
      return fail(invalidType(unexpectedOf(value), expecting));
    },
    toJsonSchema: () => fragment,
  };
}

/** Rust `String`. */
export function string(): Schema<string> {
  return stringLike("a string", { type: "string" });
}

/** Rust `PathBuf` / `AbsolutePathBuf` (kept as written; resolution is the caller's job). */
export function path(): Schema<string> {
  return stringLike("path string", { type: "string" });
}

const RANGES = {
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  u64: [0n, 18446744073709551615n],
  usize: [0n, 18446744073709551615n],
  i64: [-9223372036854775808n, 9223372036854775807n],
} as const;

/** A Rust integer type (`u16`, `u64`, …) as a JS number; out-of-range values fail like serde. */
export function integer(kind: keyof typeof RANGES): Schema<number> {
  const [min, max] = RANGES[kind];
  return {
    expecting: kind,
    deserialize(value) {
      if (typeof value !== "bigint") return fail(invalidType(unexpectedOf(value), kind));
      if (value < min || value > max) return fail(invalidValue(unexpectedOf(value), kind));
      return ok(Number(value));
    },
    toJsonSchema: () => ({
      type: "integer",
      minimum: Number(min),
      ...(kind === "u16" || kind === "u32" ? { maximum: Number(max) } : {}),
    }),
  };
}

/** Rust `u16`. */
export const u16 = (): Schema<number> => integer("u16");
/** Rust `u64`. */
export const u64 = (): Schema<number> => integer("u64");
/** Rust `usize` (64-bit target). */
export const usize = (): Schema<number> => integer("usize");

/** serde `IgnoredAny`: accepts any value and keeps it as written. */
export function anyValue(): Schema<TomlValue> {
  return { expecting: "anything at all", deserialize: (value) => ok(value), toJsonSchema: () => ({}) };
}

/** Maps a successfully deserialized value (a Rust `From`/newtype conversion that cannot fail). */
export function transform<A, B>(
  schema: Schema<A>,
  convert: (value: A) => B,
  fragment?: (base: JsonSchema) => JsonSchema,
): Schema<B> {
  return {
    expecting: schema.expecting,
    ...(schema.description ? { description: schema.description } : {}),
    deserialize(value, mode): DeResult<B> {
      const result = schema.deserialize(value, mode);
      return result.ok ? ok(convert(result.value)) : result;
    },
    ...(schema.deserializeFlat
      ? {
          deserializeFlat(entries, mode): DeResult<B> {
            const result = schema.deserializeFlat!(entries, mode);
            return result.ok ? ok(convert(result.value)) : result;
          },
        }
      : {}),
    toJsonSchema: (generator) => (fragment ? fragment(schema.toJsonSchema(generator)) : schema.toJsonSchema(generator)),
  };
}

/**
 * A hand-written `Deserialize` that validates after the derived one: `check` returns the
 * `Error::custom` message to fail with, or `undefined` to accept.
 */
export function refine<T>(schema: Schema<T>, check: (value: T) => string | undefined): Schema<T> {
  return {
    ...schema,
    deserialize(value, mode) {
      const result = schema.deserialize(value, mode);
      if (!result.ok) return result;
      const message = check(result.value);
      return message === undefined ? result : fail(message);
    },
  };
}

/**
 * A hand-written `Deserialize` that first takes the value as a `toml::Value`, runs `precheck`,
 * then calls `value.try_into::<T>()` and re-raises a failure with `Error::custom(err.to_string())`:
 * the inner error's full Display (with its own `in` line) becomes the outer message.
 */
export function reparsed<T>(schema: Schema<T>, precheck: (value: TomlValue) => string | undefined): Schema<T> {
  return {
    ...schema,
    deserialize(value) {
      const message = precheck(value);
      if (message !== undefined) return fail(message);
      const result = schema.deserialize(value, "toml");
      return result.ok ? result : fail(formatSerdeError(result.error));
    },
  };
}
