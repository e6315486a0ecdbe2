import type { TomlValue } from "../toml/toml-value.ts";
import type { DeResult } from "./serde-error.ts";

/**
 * Which serde deserializer a value is read through.
 *
 * - `toml`: `toml::Value`'s own deserializer. Table values add their key to the error path, and
 *   enums follow the `toml` crate's rules (`string only`, `wanted exactly 1 element`, …).
 * - `content`: serde's buffered `Content` deserializer, used inside `#[serde(flatten)]`,
 *   `#[serde(untagged)]` and internally tagged enums. No keys are added and enums follow serde's
 *   own rules (`string or map`, `map with a single key`).
 */
export type DeMode = "toml" | "content";

/** A JSON Schema fragment (draft 2020-12). */
export type JsonSchema = { [key: string]: unknown };

/** Collects named definitions while a JSON Schema document is generated. */
export class JsonSchemaGenerator {
  readonly defs: Record<string, JsonSchema> = {};
  private readonly owners = new Map<string, unknown>();

  /** Emits `{$ref}` for a named node, building its definition once (suffixing clashing names). */
  ref(name: string, owner: unknown, build: () => JsonSchema): JsonSchema {
    let key = name.replaceAll("::", "_");
    const base = key;
    for (let n = 2; this.owners.has(key) && this.owners.get(key) !== owner; n++) key = `${base}${n}`;
    if (!this.owners.has(key)) {
      this.owners.set(key, owner);
      this.defs[key] = {};
      this.defs[key] = build();
    }
    return { $ref: `#/$defs/${key}` };
  }
}

/** Key/value pairs left over for a `#[serde(flatten)]` field, in document order. */
export type FlatEntries = Array<[string, TomlValue]>;

/** A declarative serde type: deserializes a TOML value and describes itself as JSON Schema. */
export interface Schema<T> {
  /** serde's `expecting` text for this type, e.g. `a boolean`, `struct Foo`, `u16`. */
  readonly expecting: string;
  readonly description?: string;
  deserialize(value: TomlValue, mode: DeMode): DeResult<T>;
  /** Present on types that may be `#[serde(flatten)]`-ed into a parent struct. */
  deserializeFlat?(entries: FlatEntries, mode: DeMode): DeResult<T>;
  toJsonSchema(generator: JsonSchemaGenerator): JsonSchema;
}

/** The TypeScript value type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Returns a copy of the schema carrying a description for JSON Schema output. */
export function describeSchema<S extends Schema<unknown>>(schema: S, description: string): S {
  return Object.assign(Object.create(Object.getPrototypeOf(schema) as object) as S, schema, { description });
}

/** Adds `description` to a generated fragment when one is set. */
export function withDescription(fragment: JsonSchema, description: string | undefined): JsonSchema {
  return description ? { ...fragment, description } : fragment;
}

/** Sets an own property even for keys such as `__proto__`. */
export function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
