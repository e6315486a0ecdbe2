import { isTable, type TomlValue } from "../toml/toml-value.ts";
import { atSegment } from "./ignored-keys.ts";
import { unexpectedOf } from "./rust-display.ts";
import { type DeMode, type FlatEntries, type Schema, setOwn } from "./schema.ts";
import { type DeResult, fail, invalidType, ok, withKey } from "./serde-error.ts";

/** Rust `Vec<T>`: element errors carry no index (serde paths never include array positions). */
export function seq<T>(item: Schema<T>): Schema<T[]> {
  return {
    expecting: "a sequence",
    deserialize(value, mode) {
      if (!Array.isArray(value)) return fail(invalidType(unexpectedOf(value), "a sequence"));
      const out: T[] = [];
      for (const [index, element] of value.entries()) {
        const result =
          mode === "toml" ? atSegment(index, () => item.deserialize(element, mode)) : item.deserialize(element, mode);
        if (!result.ok) return result;
        out.push(result.value);
      }
      return ok(out);
    },
    toJsonSchema: (generator) => ({ type: "array", items: item.toJsonSchema(generator) }),
  };
}

function readEntries<V>(entries: Iterable<[string, TomlValue]>, item: Schema<V>, mode: DeMode) {
  const out: Record<string, V> = {};
  for (const [key, element] of entries) {
    const result =
      mode === "toml" ? atSegment(key, () => item.deserialize(element, mode)) : item.deserialize(element, mode);
    // Only `toml`'s own MapDeserializer records the key; serde's Content deserializer does not.
    if (!result.ok) return { ok: false as const, error: mode === "toml" ? withKey(result.error, key) : result.error };
    setOwn(out, key, result.value);
  }
  return ok(out);
}

/** Rust `BTreeMap<String, V>` / `HashMap<String, V>` (document order is kept). */
export function map<V>(item: Schema<V>): Schema<Record<string, V>> {
  return {
    expecting: "a map",
    deserialize(value, mode): DeResult<Record<string, V>> {
      if (!isTable(value)) return fail(invalidType(unexpectedOf(value), "a map"));
      return readEntries(Object.entries(value), item, mode);
    },
    // A flattened map receives every leftover key, each value read through serde's Content.
    deserializeFlat(entries: FlatEntries): DeResult<Record<string, V>> {
      return readEntries(entries, item, "content");
    },
    toJsonSchema: (generator) => ({ type: "object", additionalProperties: item.toJsonSchema(generator) }),
  };
}
