/**
 * The canonical JSON text of a value: object keys sorted by UTF-16 code units at every level,
 * no whitespace, ECMAScript number formatting. For the JSON values Warden records (strings,
 * integers, booleans, null) this is RFC 8785 (JCS), so a verifier in another language can
 * reproduce the hash chain.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) sorted[key] = sortKeys(inner);
  }
  return sorted;
}
