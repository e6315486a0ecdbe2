import type { TomlValue } from "../toml/toml-value.ts";
import type { Schema } from "./schema.ts";
import { fail } from "./serde-error.ts";

// biome-ignore lint/suspicious/noExplicitAny: variant lists are heterogeneous
type UnionOf<V extends readonly Schema<any>[]> = V[number] extends Schema<infer T> ? T : never;

/**
 * `#[serde(untagged)] enum`: the value is buffered and each variant is tried in order through
 * serde's Content; the first success wins and all variant errors are discarded.
 */
// biome-ignore lint/suspicious/noExplicitAny: variant lists are heterogeneous
export function untagged<const V extends readonly Schema<any>[]>(
  rustName: string,
  variants: V,
  options: { description?: string } = {},
): Schema<UnionOf<V>> {
  const schema: Schema<UnionOf<V>> = {
    expecting: rustName,
    ...(options.description ? { description: options.description } : {}),
    deserialize(value: TomlValue) {
      for (const variant of variants) {
        const result = variant.deserialize(value, "content");
        if (result.ok) return result;
      }
      return fail(`data did not match any variant of untagged enum ${rustName}`);
    },
    toJsonSchema: (generator) =>
      generator.ref(rustName, schema, () => ({
        anyOf: variants.map((variant) => variant.toJsonSchema(generator)),
        ...(options.description ? { description: options.description } : {}),
      })),
  };
  return schema;
}
