import { debugList, fallbackWarning, invalidValueMessage } from "./constraint-error.ts";

/** An allow-list requirement whose first element is the fallback, and who set it. */
export interface AllowListConstraint<T> {
  allowed: readonly T[];
  source: string;
}

/** How to render and compare the values of one constrained field. */
export interface AllowListField<T> {
  /** The name in `Configured value for `{field}`` and in the details. */
  field: string;
  debug: (value: T) => string;
}

/**
 * Codex's `apply_requirement_constrained_value` for first-element allow-lists (spec §4.1–§4.2):
 * an explicit value the list does not contain falls back to the first element with a warning;
 * a disallowed default falls back silently.
 */
export function resolveAllowListed<T>(
  field: AllowListField<T>,
  configured: T | undefined,
  defaultValue: T,
  constraint: AllowListConstraint<T> | null,
): { value: T; warning: string | null } {
  const candidate = configured ?? defaultValue;
  const same = (a: T, b: T) => field.debug(a) === field.debug(b);
  if (constraint === null || constraint.allowed.some((allowed) => same(allowed, candidate))) {
    return { value: candidate, warning: null };
  }
  const fallback = constraint.allowed[0]!;
  if (configured === undefined) return { value: fallback, warning: null };
  const details = invalidValueMessage(
    field.field,
    field.debug(candidate),
    debugList(constraint.allowed.map(field.debug)),
    constraint.source,
  );
  return { value: fallback, warning: fallbackWarning(field.field, field.debug(fallback), details) };
}
