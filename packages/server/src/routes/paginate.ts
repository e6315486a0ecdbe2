import type { Page } from "@warden/core";
import { HttpError } from "../http-error.ts";
import type { QueryParameter } from "./route.ts";

/** The `cursor` and `limit` query parameters every listing takes. */
export const PAGE_QUERY: readonly QueryParameter[] = [
  { name: "cursor", description: "the nextCursor of the previous page", type: "string" },
  { name: "limit", description: "page size, 1 to 1000 (default 100)", type: "integer" },
];

/** Reads `limit` and `cursor` from the query, refusing (400) values out of range. */
export function readPageQuery(query: URLSearchParams): { limit: number; cursor: string | null } {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? 100 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new HttpError("invalid_request", "limit: must be an integer from 1 to 1000", { limit: rawLimit });
  }
  return { limit, cursor: query.get("cursor") };
}

/**
 * One page of a list the repository returns whole (policies, users, groups: admin-sized lists).
 * The cursor is opaque to clients; here it is the offset of the next item.
 */
export function paginate<T, U = T>(items: readonly T[], query: URLSearchParams, map?: (item: T) => U): Page<U> {
  const { limit, cursor } = readPageQuery(query);
  let offset = 0;
  if (cursor !== null) {
    const decoded = /^o(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!decoded) throw new HttpError("invalid_request", "cursor: not a cursor this listing returned", { cursor });
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`o${offset + limit}`).toString("base64url") : null;
  return { data: map ? slice.map(map) : (slice as unknown as U[]), nextCursor: next };
}
