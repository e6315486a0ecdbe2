import { isTable, type TomlValue } from "../toml/toml-value.ts";
import { map } from "./collections.ts";
import { atSegment, reportIgnoredKey } from "./ignored-keys.ts";
import { unexpectedOf } from "./rust-display.ts";
import {
  type DeMode,
  type FlatEntries,
  type JsonSchema,
  type JsonSchemaGenerator,
  type Schema,
  setOwn,
  withDescription,
} from "./schema.ts";
import {
  type DeResult,
  duplicateField,
  fail,
  invalidLength,
  invalidType,
  missingField,
  ok,
  structLengthExpecting,
  unknownField,
  withKey,
} from "./serde-error.ts";

/** How a struct field behaves when its key is absent. */
export type Presence = "required" | "optional" | "default";

/** One field of a derived struct; the property name is the serde (TOML) name. */
export interface Field<T, P extends Presence = Presence> {
  readonly schema: Schema<T>;
  readonly presence: P;
  readonly defaultValue?: () => T;
  readonly aliases: readonly string[];
  readonly flatten: boolean;
  readonly description?: string;
}

/** Per-field options: `#[serde(alias = …)]` spellings and a JSON Schema description. */
export interface FieldOptions {
  readonly aliases?: readonly string[];
  readonly description?: string;
}

function field<T, P extends Presence>(schema: Schema<T>, presence: P, options: FieldOptions, extra = {}) {
  return { schema, presence, aliases: options.aliases ?? [], flatten: false, ...options, ...extra } as Field<T, P>;
}

/** A field without `Option`/`default`: absent ⇒ `missing field`. */
export const required = <T>(schema: Schema<T>, options: FieldOptions = {}) => field(schema, "required", options);
/** An `Option<T>` field: absent ⇒ `undefined`. */
export const optional = <T>(schema: Schema<T>, options: FieldOptions = {}) => field(schema, "optional", options);
/** A `#[serde(default)]` field. */
export const defaulted = <T>(schema: Schema<T>, make: () => T, options: FieldOptions = {}) =>
  field(schema, "default", options, { defaultValue: make });
/** A `#[serde(flatten)]` field: receives the keys no other field claims (the schema must support it). */
export const flatten = <T>(schema: Schema<T>, options: FieldOptions = {}) =>
  field(schema, "required", options, { flatten: true });

// biome-ignore lint/suspicious/noExplicitAny: field maps are heterogeneous by design
export type StructFields = Record<string, Field<any, Presence>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<F> = F extends Field<infer T, Presence> ? T : never;
/** The TypeScript shape a struct schema produces. */
export type StructValue<F extends StructFields> = Simplify<
  { -readonly [K in keyof F as F[K]["presence"] extends "optional" ? never : K]: ValueOf<F[K]> } & {
    -readonly [K in keyof F as F[K]["presence"] extends "optional" ? K : never]?: ValueOf<F[K]>;
  }
>;

/** Struct-level serde attributes. `expecting` overrides `struct {name}` (struct variants). */
export interface StructOptions {
  readonly denyUnknownFields?: boolean;
  readonly description?: string;
  readonly expecting?: string;
}

/** A struct schema; `keys` lists every accepted key (names and aliases, flattened fields excluded). */
export interface StructSchema<T> extends Schema<T> {
  readonly keys: readonly string[];
}

/** A derived `#[derive(Deserialize)] struct` named `rustName` (the name appears in serde messages). */
export function struct<F extends StructFields>(
  rustName: string,
  fields: F,
  options: StructOptions = {},
): StructSchema<StructValue<F>> {
  const expecting = options.expecting ?? `struct ${rustName}`;
  const entries = Object.entries(fields);
  const plain = entries.filter(([, spec]) => !spec.flatten);
  const flattened = entries.filter(([, spec]) => spec.flatten);
  const byKey = new Map<string, string>();
  for (const [name, spec] of plain) for (const key of [name, ...spec.aliases]) byKey.set(key, name);
  const expectedNames = plain.flatMap(([name, spec]) => [name, ...spec.aliases]);

  function finish(out: Record<string, unknown>, seen: Set<string>, rest: FlatEntries, mode: DeMode) {
    for (const [name, spec] of plain) {
      if (seen.has(name)) continue;
      if (spec.presence === "required") return fail(missingField(name));
      if (spec.presence === "default") setOwn(out, name, spec.defaultValue?.());
    }
    for (const [name, spec] of flattened) {
      const result = spec.schema.deserializeFlat?.(rest, mode);
      if (!result) throw new Error(`field ${name} of ${rustName} cannot be flattened`);
      if (!result.ok) return result;
      setOwn(out, name, result.value);
    }
    return ok(out as StructValue<F>);
  }

  function visitMap(pairs: Iterable<[string, TomlValue]>, mode: DeMode): DeResult<StructValue<F>> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const rest: FlatEntries = [];
    for (const [key, value] of pairs) {
      const name = byKey.get(key);
      if (name === undefined) {
        if (flattened.length > 0) rest.push([key, value]);
        else if (options.denyUnknownFields) return fail(unknownField(key, expectedNames));
        else if (mode === "toml") reportIgnoredKey(key);
        continue;
      }
      if (seen.has(name)) return fail(duplicateField(name));
      seen.add(name);
      const field = fields[name] as Field<unknown>;
      const result =
        mode === "toml"
          ? atSegment(key, () => field.schema.deserialize(value, mode))
          : field.schema.deserialize(value, mode);
      if (!result.ok) return { ok: false, error: mode === "toml" ? withKey(result.error, key) : result.error };
      setOwn(out, name, result.value);
    }
    return finish(out, seen, rest, mode);
  }

  function visitSeq(items: TomlValue[], mode: DeMode): DeResult<StructValue<F>> {
    if (flattened.length > 0) return fail(invalidType("sequence", expecting));
    const out: Record<string, unknown> = {};
    for (const [index, [name, spec]] of plain.entries()) {
      if (index >= items.length) {
        if (spec.presence !== "default")
          return fail(invalidLength(index, structLengthExpecting(expecting, plain.length)));
        setOwn(out, name, spec.defaultValue?.());
        continue;
      }
      const result = spec.schema.deserialize(items[index] as TomlValue, mode);
      if (!result.ok) return result;
      setOwn(out, name, result.value);
    }
    if (items.length > plain.length) {
      const count = plain.length;
      const expected =
        mode === "toml" ? "fewer elements in array" : `${count} element${count === 1 ? "" : "s"} in sequence`;
      return fail(invalidLength(items.length, expected));
    }
    return ok(out as StructValue<F>);
  }

  const schema: StructSchema<StructValue<F>> = {
    keys: expectedNames,
    expecting,
    ...(options.description ? { description: options.description } : {}),
    deserialize(value, mode) {
      if (isTable(value)) return visitMap(Object.entries(value), mode);
      if (Array.isArray(value)) return visitSeq(value, mode);
      return fail(invalidType(unexpectedOf(value), expecting));
    },
    // As a flattened struct it only sees the leftover keys that name one of its fields.
    deserializeFlat: (rest) =>
      visitMap(
        rest.filter(([key]) => byKey.has(key)),
        "content",
      ),
    toJsonSchema: (generator) => generator.ref(rustName, schema, () => objectSchema(generator)),
  };

  function objectSchema(generator: JsonSchemaGenerator): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const requiredNames: string[] = [];
    let additional: unknown = options.denyUnknownFields ? false : undefined;
    for (const [name, spec] of plain) {
      const fragment = withDescription(
        spec.schema.toJsonSchema(generator),
        spec.description ?? spec.schema.description,
      );
      properties[name] = spec.presence === "default" ? { ...fragment, default: jsonDefault(spec) } : fragment;
      for (const alias of spec.aliases) properties[alias] = { ...fragment, description: `Alias of \`${name}\`.` };
      if (spec.presence === "required") requiredNames.push(name);
    }
    for (const [, spec] of flattened) {
      const inline = resolveRef(generator, spec.schema.toJsonSchema(generator));
      Object.assign(properties, (inline.properties as Record<string, JsonSchema> | undefined) ?? {});
      if (inline.additionalProperties !== undefined) additional = inline.additionalProperties;
    }
    return withDescription(
      {
        type: "object",
        properties,
        ...(requiredNames.length > 0 ? { required: requiredNames } : {}),
        ...(additional !== undefined ? { additionalProperties: additional } : {}),
      },
      options.description,
    );
  }
  return schema;
}

function jsonDefault(spec: Field<unknown>): unknown {
  const value = spec.defaultValue?.();
  return typeof value === "object" && value !== null && Object.keys(value).length === 0 ? undefined : value;
}

/** Follows a local `$ref` to the generated definition (for inlining flattened structs). */
export function resolveRef(generator: JsonSchemaGenerator, fragment: JsonSchema): JsonSchema {
  const ref = fragment.$ref;
  if (typeof ref !== "string") return fragment;
  return generator.defs[ref.replace("#/$defs/", "")] ?? fragment;
}

/**
 * A struct whose only field is `#[serde(flatten)] entries: BTreeMap<String, V>`, read as the map
 * itself. Values go through serde's Content, so their errors carry only the struct's own key.
 */
export function flatMap<V>(rustName: string, item: Schema<V>, options: { description?: string } = {}) {
  const inner = struct(rustName, { entries: flatten(map(item)) }, options);
  const schema: Schema<Record<string, V>> = {
    expecting: inner.expecting,
    ...(options.description ? { description: options.description } : {}),
    deserialize(value, mode) {
      const result = inner.deserialize(value, mode);
      return result.ok ? ok(result.value.entries) : result;
    },
    deserializeFlat(rest, mode) {
      const result = inner.deserializeFlat!(rest, mode);
      return result.ok ? ok(result.value.entries) : result;
    },
    toJsonSchema: (generator) =>
      generator.ref(rustName, schema, () =>
        withDescription({ type: "object", additionalProperties: item.toJsonSchema(generator) }, options.description),
      ),
  };
  return schema;
}
