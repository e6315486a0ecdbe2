import { isTable, TomlDateTime, type TomlValue } from "../toml/toml-value.ts";
import { tomlDateTimeDisplay, tomlTypeStr, unexpectedOf } from "./rust-display.ts";
import { type DeMode, type JsonSchema, type Schema, withDescription } from "./schema.ts";
import { type DeResult, fail, invalidType, invalidValue, ok, unknownVariant } from "./serde-error.ts";

/** One variant of an externally tagged enum: `"name"` (unit) or `{ name = payload }`. */
export interface Variant<N extends string, T> {
  readonly name: N;
  readonly kind: "unit" | "newtype" | "struct";
  readonly schema?: Schema<T>;
  readonly aliases: readonly string[];
  readonly description?: string;
}

interface VariantOptions {
  readonly aliases?: readonly string[];
  readonly description?: string;
}

/** A unit variant, written as a bare string. */
export function unitVariant<const N extends string>(name: N, options: VariantOptions = {}): Variant<N, never> {
  return { name, kind: "unit", aliases: options.aliases ?? [], ...options };
}

/** A newtype variant `Name(T)`, written `{ name = <T> }`. */
export function newtypeVariant<const N extends string, T>(name: N, schema: Schema<T>, options: VariantOptions = {}) {
  return { name, kind: "newtype", schema, aliases: options.aliases ?? [], ...options } as Variant<N, T>;
}

/** A struct variant `Name { … }`, written `{ name = { … } }` (build `schema` with `struct(…, {expecting})`). */
export function structVariant<const N extends string, T>(name: N, schema: Schema<T>, options: VariantOptions = {}) {
  return { name, kind: "struct", schema, aliases: options.aliases ?? [], ...options } as Variant<N, T>;
}

// biome-ignore lint/suspicious/noExplicitAny: variant lists are heterogeneous
type AnyVariant = Variant<string, any>;
/** Value of an externally tagged enum: the variant name, or `{ name: payload }`. */
export type EnumValue<V> = V extends Variant<infer N, infer T> ? ([T] extends [never] ? N : { [K in N]: T }) : never;

/** Reads a variant name the way serde's derived `__Field` identifier does. */
export function identifyVariant(
  variants: readonly { name: string; aliases: readonly string[] }[],
  key: string,
): { name: string } | { message: string } {
  for (const variant of variants) if (variant.name === key || variant.aliases.includes(key)) return variant;
  return { message: unknownVariant(key, variantNames(variants)) };
}

/** All accepted spellings in serde's `VARIANTS` order (each name followed by its aliases). */
export function variantNames(variants: readonly { name: string; aliases: readonly string[] }[]): string[] {
  return variants.flatMap((variant) => [variant.name, ...variant.aliases]);
}

/** An externally tagged `#[derive(Deserialize)] enum` (serde's default representation). */
export function enumOf<const V extends readonly AnyVariant[]>(
  rustName: string,
  variants: V,
  options: { description?: string } = {},
): Schema<EnumValue<V[number]>> {
  type Out = EnumValue<V[number]>;

  function payload(variant: AnyVariant, value: TomlValue | undefined, mode: DeMode): DeResult<Out> {
    if (variant.kind === "unit") {
      if (value === undefined) return ok(variant.name as Out);
      return unitPayload(value, mode) ?? ok(variant.name as Out);
    }
    // A bare string names the variant but carries no payload.
    if (value === undefined) return fail(invalidType("unit variant", `${variant.kind} variant`));
    const result = (variant.schema as Schema<unknown>).deserialize(value, mode);
    return result.ok ? ok({ [variant.name]: result.value } as Out) : result;
  }

  function pick(key: string): AnyVariant | { message: string } {
    const found = identifyVariant(variants, key);
    return "message" in found ? found : (variants.find((variant) => variant.name === found.name) as AnyVariant);
  }

  const schema: Schema<Out> = {
    expecting: `enum ${rustName}`,
    ...(options.description ? { description: options.description } : {}),
    deserialize(value, mode) {
      // `toml::Value::deserialize_enum` takes only `Value::String`; in serde's Content a date-time is a string.
      if (typeof value === "string" || (mode === "content" && value instanceof TomlDateTime)) {
        const variant = pick(typeof value === "string" ? value : tomlDateTimeDisplay(value));
        return "message" in variant ? fail(variant.message) : payload(variant, undefined, mode);
      }
      if (isTable(value)) {
        const entries = Object.entries(value);
        if (mode === "toml" && entries.length === 0) return fail("wanted exactly 1 element, found 0 elements");
        if (mode === "toml" && entries.length > 1) return fail("wanted exactly 1 element, more than 1 element");
        if (entries.length !== 1) return fail(invalidValue("map", "map with a single key"));
        const [key, inner] = entries[0] as [string, TomlValue];
        const variant = pick(key);
        return "message" in variant ? fail(variant.message) : payload(variant, inner, mode);
      }
      return fail(
        invalidType(
          mode === "toml" ? "unit variant" : unexpectedOf(value),
          mode === "toml" ? "string only" : "string or map",
        ),
      );
    },
    toJsonSchema: (generator) =>
      generator.ref(rustName, schema, () => {
        const units = variants.filter((variant) => variant.kind === "unit");
        const plain = units.length === variants.length && variants.every((variant) => !variant.description);
        if (plain) return withDescription({ type: "string", enum: variantNames(variants) }, options.description);
        const oneOf: JsonSchema[] = variants.flatMap((variant) =>
          [variant.name, ...variant.aliases].map((name) =>
            variant.kind === "unit"
              ? withDescription({ const: name }, variant.description)
              : withDescription(
                  {
                    type: "object",
                    properties: { [name]: (variant.schema as Schema<unknown>).toJsonSchema(generator) },
                    required: [name],
                    additionalProperties: false,
                  },
                  variant.description,
                ),
          ),
        );
        return withDescription({ oneOf }, options.description);
      }),
  };
  return schema;
}

// `{ variant = … }` for a unit variant: toml wants an empty table/array, serde's Content wants unit
// (which a TOML value never is, so any payload fails there).
function unitPayload(value: TomlValue, mode: DeMode): DeResult<never> | undefined {
  if (mode === "content") return fail(invalidType(unexpectedOf(value), "unit"));
  if (Array.isArray(value)) return value.length === 0 ? undefined : fail("expected empty array");
  if (isTable(value)) return Object.keys(value).length === 0 ? undefined : fail("expected empty table");
  return fail(`expected table, found ${tomlTypeStr(value)}`);
}

/** A unit-only enum from its serde names; `aliases` maps a name to extra accepted spellings. */
export function stringEnum<const N extends string>(
  rustName: string,
  names: readonly N[],
  options: { aliases?: Partial<Record<N, readonly string[]>>; description?: string } = {},
): Schema<N> {
  const variants = names.map((name) => unitVariant(name, { aliases: options.aliases?.[name] ?? [] }));
  return enumOf(rustName, variants, options) as Schema<N>;
}
