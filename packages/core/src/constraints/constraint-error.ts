/**
 * Codex's `ConstraintError` texts (requirements-spec §3.1). `candidate` and `allowed` are already
 * rendered the way Rust's `Debug` prints them.
 */
export function invalidValueMessage(field: string, candidate: string, allowed: string, source: string): string {
  return `invalid value for \`${field}\`: \`${candidate}\` is not in the allowed set ${allowed} (set by ${source})`;
}

/** `field `{field}` cannot be empty`. */
export function emptyFieldMessage(field: string): string {
  return `field \`${field}\` cannot be empty`;
}

/** The startup warning printed when a configured value falls back to the requirement (spec §4.1). */
export function fallbackWarning(field: string, fallbackDebug: string, details: string): string {
  return `Configured value for \`${field}\` is disallowed by requirements; falling back to required value ${fallbackDebug}. Details: ${details}`;
}

/** Renders a list the way Rust's `Debug` prints a `Vec` of already-rendered items. */
export function debugList(items: readonly string[]): string {
  return `[${items.join(", ")}]`;
}
