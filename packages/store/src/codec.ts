import { randomFillSync } from "node:crypto";
import { WardenError } from "@warden/core";

let lastMs = 0;
let sequence = 0;

/**
 * A new row id: a UUID version 7 (RFC 9562) whose 12-bit `rand_a` field is a counter, so ids made
 * by one process sort in the order they were made, even within one millisecond or when the clock
 * steps back. Lists that page newest first by (time, id) rely on this to keep rows written in the
 * same millisecond in order.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  ms = lastMs;
  const bytes = randomFillSync(new Uint8Array(16));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** ISO-8601 → epoch milliseconds, the storage form of every time; throws on an unparsable time. */
export function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new WardenError("invalid_input", `not an ISO-8601 time: ${JSON.stringify(iso)}`);
  return ms;
}

/** Like `toMs` for nullable columns. */
export function toMsOrNull(iso: string | null | undefined): number | null {
  return iso === null || iso === undefined ? null : toMs(iso);
}

/** Epoch milliseconds (number or pg int8 text) → ISO-8601 UTC. */
export function toIso(ms: number | string): string {
  return new Date(Number(ms)).toISOString();
}

/** Like `toIso` for nullable columns. */
export function toIsoOrNull(ms: number | string | null): string | null {
  return ms === null ? null : toIso(ms);
}

/** Page size: 100 by default, clamped to 1…1000. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 100;
  return Math.min(1000, Math.max(1, Math.trunc(limit)));
}

/** An opaque keyset cursor: base64url of the last row's sort key. */
export function encodeCursor(key: readonly [number, number | string]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Decodes `encodeCursor`'s output; a tampered or foreign cursor is `invalid_input`. */
export function decodeCursor<K extends number | string>(cursor: string, keyKind: "number" | "string"): [number, K] {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(key) && key.length === 2 && Number.isSafeInteger(key[0]) && typeof key[1] === keyKind) {
      return key as [number, K];
    }
  } catch {
    // fall through to the error below
  }
  throw new WardenError("invalid_input", "invalid cursor");
}

/** True when a driver error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown };
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
