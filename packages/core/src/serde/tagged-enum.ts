import { isTable, TomlDateTime, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { identifyVariant } from "./enum-of.ts";
import { tomlDateTimeDisplay, unexpectedOf } from "./rust-display.ts";
import { type DeMode, type JsonSchema, type Schema, setOwn, withDescription } from "./schema.ts";
import { type DeResult, duplicateField, fail, invalidType, missingField, ok, withKey } from "./serde-error.ts";
import { resolveRef } from "./struct.ts";

/** A variant of an internally tagged enum; `schema` is absent for unit variants. */
export interface TaggedVariant<N extends string, T> {
  readonly name: N;
  readonly schema?: Schema<T>;
  readonly aliases: readonly string[];
  readonly description?: string;
}

/** Declares one variant of an internally tagged enum. */
export function taggedVariant<const N extends string, T = Record<never, never>>(
  name: N,
  schema?: Schema<T>,
  options: { aliases?: readonly string[]; description?: string } = {},
): TaggedVariant<N, T> {
  return { name, aliases: options.aliases ?? [], ...(schema ? { schema } : {}), ...options };
}

// biome-ignore lint/suspicious/noExplicitAny: variant lists are heterogeneous
type AnyTagged = TaggedVariant<string, any>;
/** Value of an internally tagged enum: the variant's fields plus the tag. */
export type TaggedValue<Tag extends string, V> =
  V extends TaggedVariant<infer N, infer T> ? { [K in Tag]: N } & T : never;

/**
 * `#[serde(tag = "…")] enum`: the tag is read first (unknown ⇒ `unknown variant`, not a string ⇒
 * `expected variant identifier`), the remaining keys are buffered and read by the variant.
 */
export function taggedEnum<const Tag extends string, const V extends readonly AnyTagged[]>(
  rustName: string,
  tag: Tag,
  variants: V,
  options: { description?: string } = {},
): Schema<TaggedValue<Tag, V[number]>> {
  type Out = TaggedValue<Tag, V[number]>;
  const expecting = `internally tagged enum ${rustName}`;

  function identify(value: TomlValue): AnyTagged | { message: string } {
    const text = typeof value === "string" ? value : value instanceof TomlDateTime ? tomlDateTimeDisplay(value) : null;
    if (text === null) return { message: invalidType(unexpectedOf(value), "variant identifier") };
    const found = identifyVariant(variants, text);
    return "message" in found ? found : (variants.find((variant) => variant.name === found.name) as AnyTagged);
  }

  function finish(variant: AnyTagged, rest: TomlValue): DeResult<Out> {
    if (!variant.schema) return ok({ [tag]: variant.name } as Out);
    const result = (variant.schema as Schema<object>).deserialize(rest, "content");
    return result.ok ? ok({ [tag]: variant.name, ...result.value } as Out) : result;
  }

  const schema: Schema<Out> = {
    expecting,
    deserialize(value: TomlValue, mode: DeMode) {
      if (isTable(value)) {
        let variant: AnyTagged | undefined;
        const rest: TomlTable = {};
        for (const [key, entry] of Object.entries(value)) {
          if (key !== tag) {
            setOwn(rest, key, entry);
            continue;
          }
          if (variant) return fail(duplicateField(tag));
          const found = identify(entry);
          if ("message" in found) {
            const error = { message: found.message, path: [] };
            return { ok: false, error: mode === "toml" ? withKey(error, tag) : error };
          }
          variant = found;
        }
        return variant ? finish(variant, rest) : fail(missingField(tag));
      }
      if (Array.isArray(value)) {
        if (value.length === 0) return fail(missingField(tag));
        const found = identify(value[0] as TomlValue);
        return "message" in found ? fail(found.message) : finish(found, value.slice(1));
      }
      return fail(invalidType(unexpectedOf(value), expecting));
    },
    toJsonSchema: (generator) =>
      generator.ref(rustName, schema, () => {
        const oneOf = variants.map((variant): JsonSchema => {
          const body = variant.schema ? resolveRef(generator, variant.schema.toJsonSchema(generator)) : {};
          const properties = { [tag]: { enum: [variant.name, ...variant.aliases] }, ...(body.properties ?? {}) };
          const required = [tag, ...((body.required as string[] | undefined) ?? [])];
          return withDescription({ ...body, type: "object", properties, required }, variant.description);
        });
        return withDescription({ oneOf }, options.description);
      }),
  };
  return schema;
}
