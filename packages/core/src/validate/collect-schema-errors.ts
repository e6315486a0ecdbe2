import type { TomlTable } from "../toml/toml-value.ts";
import { type ConcretePath, removeKeyAt } from "./locate-serde-error.ts";

/** One typed-deserialization failure: Codex's message and the concrete path of the offending value. */
export interface SchemaError {
  readonly message: string;
  readonly path: ConcretePath;
  /** Point at the key rather than the value (`unknown field`, `duplicate field`). */
  readonly atKey?: boolean;
}

/** Deserializes a whole document the way Codex does and returns its first failure, located. */
export type SchemaCheck = (table: TomlTable) => SchemaError | null;

/** Every failure found, and the document without the offending keys. */
export interface SchemaErrors {
  readonly errors: SchemaError[];
  /** The document with the offending keys removed; it deserializes unless `complete` is false. */
  readonly pruned: TomlTable;
  /** The keys removed to get `pruned`. */
  readonly removed: readonly ConcretePath[];
  /** False when the search stopped early (the limit, or an error not tied to any key). */
  readonly complete: boolean;
}

/** True when a check about `subject` would see a removed key (one path contains the other). */
export function touchesRemoved(removed: readonly ConcretePath[], subject: ConcretePath): boolean {
  return removed.some((path) => isPrefix(path, subject) || isPrefix(subject, path));
}

/** Most errors reported for one file; Codex itself stops at the first. */
export const MAX_SCHEMA_ERRORS = 25;

function isPrefix(prefix: ConcretePath, path: ConcretePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/**
 * Codex stops at the first type error. To report all of them, each offending key is removed and
 * the document checked again, so every later error is exactly what Codex would say once the
 * earlier ones are fixed. When removing a key only produces a consequence (for example `missing
 * field` for a required key), its parent entry is removed instead, up to the top-level key.
 */
export function collectSchemaErrors(table: TomlTable, check: SchemaCheck): SchemaErrors {
  const errors: SchemaError[] = [];
  const removed: ConcretePath[] = [];
  let working = table;
  let error = check(working);
  while (error !== null && errors.length < MAX_SCHEMA_ERRORS) {
    errors.push(error);
    const keyEnds = error.path.flatMap((segment, index) => (typeof segment === "string" ? [index + 1] : []));
    if (keyEnds.length === 0) break;
    // Remove the offending key; if that only causes a consequence, remove its parent entry, and so on.
    let next = working;
    let nextError: SchemaError | null = error;
    let removal: ConcretePath = [];
    for (const end of keyEnds.reverse()) {
      removal = error.path.slice(0, end);
      next = removeKeyAt(working, removal);
      nextError = check(next);
      if (nextError === null || !isPrefix(nextError.path, removal)) break;
    }
    removed.push(removal);
    working = next;
    error = nextError;
  }
  return { errors, pruned: working, removed, complete: error === null };
}
