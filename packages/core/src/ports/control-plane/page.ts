/** One page of a cursor-paginated listing (architecture §3: `{ data, nextCursor }`). */
export interface Page<T> {
  readonly data: T[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  readonly nextCursor: string | null;
}

/** Where a listing starts and how long a page is. */
export interface PageRequest {
  /** A `nextCursor` from the previous page; absent for the first page. */
  readonly cursor?: string | null;
  /** Page size; repositories clamp it to 1…1000 and default to 100. */
  readonly limit?: number;
}

/** Who made a change, as written into revisions and the admin activity log. */
export interface ActorRef {
  readonly kind: "principal" | "api_key" | "device" | "system";
  /** The principal, API key or device id; null for `system`. */
  readonly id: string | null;
}
