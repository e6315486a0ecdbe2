import type { SerdeError } from "../serde/serde-error.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/** A path to one value with every table key and array index (unlike serde's key-only path). */
export type ConcretePath = Array<string | number>;

/** Deserializes a whole document and returns its first error, or null. */
export type DocumentDeserializer = (table: TomlTable) => SerdeError | null;

/** A copy of `root` with the value at `path` replaced (copy-on-write along the path; the rest is shared). */
export function replaceAt(root: TomlValue, path: readonly (string | number)[], replacement: TomlValue): TomlValue {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === "number") {
    const copy = [...root];
    copy[head] = replaceAt(root[head] as TomlValue, rest, replacement);
    return copy;
  }
  if (isTable(root) && typeof head === "string") {
    return { ...root, [head]: replaceAt(root[head] as TomlValue, rest, replacement) };
  }
  return root;
}

/** A copy of `root` without the table key the path ends with (a path ending in an index is left unchanged). */
export function removeKeyAt(root: TomlTable, path: readonly (string | number)[]): TomlTable {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = valueAt(root, parentPath);
  if (typeof key !== "string" || !isTable(parent)) return root;
  const { [key]: _removed, ...rest } = parent;
  return replaceAt(root, parentPath, rest) as TomlTable;
}

/** The value at a concrete path, or undefined. */
export function valueAt(root: TomlValue, path: readonly (string | number)[]): TomlValue | undefined {
  let node: TomlValue | undefined = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isTable(node) && typeof segment === "string" && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** The smallest `n` in `0..=length` with `reproduces(n)`, assuming `reproduces(length)` and monotonicity. */
export function minimalPrefix(length: number, reproduces: (n: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (reproduces(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function sameError(a: SerdeError | null, b: SerdeError): boolean {
  return a !== null && a.message === b.message && a.path.join("\u0000") === b.path.join("\u0000");
}

/**
 * Finds the value a serde error is about. serde's path names only table keys, so array indexes are
 * recovered by truncation: serde reads in document order and stops at the first bad element, so the
 * shortest prefix of an array (or table) that still fails the same way ends with the culprit. Below
 * the end of serde's path (flattened, untagged and tagged types add no keys) the same search goes on
 * through tables. A table key that only completes the context (a required field or an enum tag)
 * is skipped in favour of the key whose removal makes the error go away.
 */
export function locateSerdeError(root: TomlTable, error: SerdeError, deserialize: DocumentDeserializer): ConcretePath {
  const path: ConcretePath = [];
  const remaining = [...error.path];
  let node: TomlValue = root;
  const reproducesWith = (replacement: TomlValue) =>
    sameError(deserialize(replaceAt(root, path, replacement) as TomlTable), error);
  for (let depth = 0; depth < 256; depth++) {
    const key = remaining[0];
    if (key !== undefined && isTable(node) && Object.hasOwn(node, key)) {
      path.push(key);
      remaining.shift();
      node = node[key] as TomlValue;
      continue;
    }
    if (Array.isArray(node) && node.length > 0) {
      const items = node;
      const n = minimalPrefix(items.length, (count) => reproducesWith(items.slice(0, count)));
      if (n === 0) break;
      path.push(n - 1);
      node = items[n - 1] as TomlValue;
      continue;
    }
    if (key === undefined && isTable(node) && Object.keys(node).length > 0) {
      const culprit = culpritKey(node, reproducesWith, (without) =>
        deserialize(replaceAt(root, path, without) as TomlTable),
      );
      if (culprit === null) break;
      path.push(culprit);
      node = node[culprit] as TomlValue;
      continue;
    }
    break;
  }
  return path;
}

function culpritKey(
  table: TomlTable,
  reproducesWith: (replacement: TomlValue) => boolean,
  errorWithout: (replacement: TomlValue) => SerdeError | null,
): string | null {
  const entries = Object.entries(table);
  const n = minimalPrefix(entries.length, (count) => reproducesWith(Object.fromEntries(entries.slice(0, count))));
  if (n === 0) return null;
  const candidate = entries[n - 1]![0];
  const rest = (key: string) => {
    const { [key]: _removed, ...others } = table;
    return others;
  };
  // Removing the real culprit makes the error vanish or become another one, never `missing field`.
  const isCulprit = (key: string) => {
    if (reproducesWith(rest(key))) return false;
    return !errorWithout(rest(key))?.message.startsWith("missing field");
  };
  if (isCulprit(candidate)) return candidate;
  return entries.slice(0, n - 1).find(([key]) => isCulprit(key))?.[0] ?? candidate;
}
