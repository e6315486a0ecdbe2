/**
 * A small request validator that also describes itself as JSON Schema, so one definition checks a
 * body and documents it in `/openapi.json`. Objects are strict: an unknown field is an issue.
 * @module
 */

/** One problem with a request value: where (a dotted path, `""` for the root) and what. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** What checking a value gave: the typed value, or every issue found. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

/** A JSON Schema fragment (the subset the validators emit). */
export type JsonSchema = Record<string, unknown>;

/** A validator for values of type `T`. */
export interface Schema<T> {
  readonly json: JsonSchema;
  readonly optional?: boolean;
  check(value: unknown, path: string, issues: SchemaIssue[]): T;
}

/** The type a schema accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Checks `value` against `schema`, collecting every issue. */
export function parseWith<T>(schema: Schema<T>, value: unknown): ParseResult<T> {
  const issues: SchemaIssue[] = [];
  const checked = schema.check(value, "", issues);
  return issues.length === 0 ? { ok: true, value: checked } : { ok: false, issues };
}

const at = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** A string, optionally bounded in length or matched against a pattern. */
export function string(options: { minLength?: number; maxLength?: number; pattern?: RegExp } = {}): Schema<string> {
  const { minLength = 0, maxLength = 1_000_000, pattern } = options;
  const json: JsonSchema = { type: "string", minLength, maxLength };
  if (pattern) json.pattern = pattern.source;
  return {
    json,
    check(value, path, issues) {
      if (typeof value !== "string") issues.push({ path, message: `expected a string, got ${describe(value)}` });
      else if (value.length < minLength) issues.push({ path, message: `must have at least ${minLength} characters` });
      else if (value.length > maxLength) issues.push({ path, message: `must have at most ${maxLength} characters` });
      else if (pattern && !pattern.test(value)) issues.push({ path, message: `must match ${pattern.source}` });
      return value as string;
    },
  };
}

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Schema<T> {
  return {
    json: { type: "string", enum: [...values] },
    check(value, path, issues) {
      if (!values.includes(value as T))
        issues.push({ path, message: `expected one of ${values.join(", ")}, got ${describe(value)}` });
      return value as T;
    },
  };
}

/** An integer within bounds. */
export function integer(options: { minimum?: number; maximum?: number } = {}): Schema<number> {
  const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = options;
  return {
    json: { type: "integer", minimum, maximum },
    check(value, path, issues) {
      if (typeof value !== "number" || !Number.isInteger(value))
        issues.push({ path, message: `expected an integer, got ${describe(value)}` });
      else if (value < minimum || value > maximum)
        issues.push({ path, message: `must be between ${minimum} and ${maximum}` });
      return value as number;
    },
  };
}

/** An array of items, at most `maxItems` long. */
export function array<T>(item: Schema<T>, options: { maxItems?: number } = {}): Schema<T[]> {
  const maxItems = options.maxItems ?? 1000;
  return {
    json: { type: "array", items: item.json, maxItems },
    check(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `expected an array, got ${describe(value)}` });
        return [];
      }
      if (value.length > maxItems) issues.push({ path, message: `must have at most ${maxItems} items` });
      return value.map((entry, index) => item.check(entry, at(path, index), issues));
    },
  };
}

/** The same schema, or null. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    json: { anyOf: [inner.json, { type: "null" }] },
    check: (value, path, issues) => (value === null ? null : inner.check(value, path, issues)),
  };
}

/** Marks an object field as optional (it may be absent; `undefined` is never sent over JSON). */
export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return { json: inner.json, optional: true, check: inner.check };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K]["optional"] extends true ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] };
type InferShape<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** A JSON object with exactly these fields; unknown fields are refused. */
export function object<S extends Shape>(shape: S): Schema<InferShape<S>> {
  const required = Object.keys(shape).filter((key) => !shape[key]!.optional);
  const properties = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.json]));
  return {
    json: { type: "object", properties, required, additionalProperties: false },
    check(value, path, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: `expected an object, got ${describe(value)}` });
        return {} as InferShape<S>;
      }
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(shape, key)) issues.push({ path: at(path, key), message: "unknown field" });
      }
      for (const [key, field] of Object.entries(shape)) {
        if (!Object.hasOwn(record, key)) {
          if (!field.optional) issues.push({ path: at(path, key), message: "required field is missing" });
          continue;
        }
        out[key] = field.check(record[key], at(path, key), issues);
      }
      return out as InferShape<S>;
    },
  };
}
