/**
 * The keys a deserialization skipped, as `serde_ignored` reports them to Codex for its
 * "Codex is ignoring N unrecognized configuration settings" warning: dotted paths with array
 * indexes (`rules.prefix_rules.1.reviewer`). Only values read through `toml`'s own deserializer
 * are tracked; keys inside buffered (flattened, untagged) content are not visible to Codex either.
 */
interface Tracker {
  path: Array<string | number>;
  ignored: string[];
}

let tracker: Tracker | null = null;

/** Runs a deserialization and returns what it produced plus the ignored key paths, in document order. */
export function collectIgnoredKeys<T>(run: () => T): { result: T; ignored: string[] } {
  const previous = tracker;
  const current: Tracker = { path: [], ignored: [] };
  tracker = current;
  try {
    return { result: run(), ignored: current.ignored };
  } finally {
    tracker = previous;
  }
}

/** Deserializes a child value with its key or index on the tracked path. */
export function atSegment<T>(segment: string | number, run: () => T): T {
  if (!tracker) return run();
  tracker.path.push(segment);
  try {
    return run();
  } finally {
    tracker.path.pop();
  }
}

/** Records a key the current struct does not know. */
export function reportIgnoredKey(key: string): void {
  tracker?.ignored.push([...tracker.path, key].join("."));
}
