/**
 * Query handling shared by SCIM listings and reads: `filter`, 1-based `startIndex` and `count`
 * (RFC 7644 §3.4.2.4), `attributes` and `excludedAttributes` (§3.4.2.5), and the ListResponse.
 * @module
 */
import { badRequest } from "./scim-error.ts";
import { type AttributePath, parseAttributePath, parseFilter, type ScimFilter } from "./scim-filter.ts";
import { checkFilter } from "./scim-filter-match.ts";
import { LIST_RESPONSE_SCHEMA, type ScimResourceSchema } from "./scim-schema.ts";

/** The most resources one page holds (`ServiceProviderConfig.filter.maxResults`). */
export const SCIM_MAX_RESULTS = 1000;
const DEFAULT_COUNT = 100;

/** Which attributes to return: only `attributes` (plus `id`), else all but `excluded`. */
export interface Projection {
  readonly attributes: readonly AttributePath[] | null;
  readonly excluded: readonly AttributePath[];
}

/** A listing's query. */
export interface ListQuery {
  readonly filter: ScimFilter | null;
  readonly startIndex: number;
  readonly count: number;
  readonly projection: Projection;
}

function readNames(query: URLSearchParams, name: string): AttributePath[] | null {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return null;
  return raw.split(",").map((entry) => {
    const path = parseAttributePath(entry.trim());
    if (path === null)
      throw badRequest("invalidValue", `${name}: not an attribute name: ${JSON.stringify(entry.trim())}`);
    return path;
  });
}

/** `attributes` and `excludedAttributes` from the query. */
export function readProjection(query: URLSearchParams): Projection {
  return { attributes: readNames(query, "attributes"), excluded: readNames(query, "excludedAttributes") ?? [] };
}

function readInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d{1,15}$/.test(raw))
    throw badRequest("invalidValue", `${name}: expected an integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A listing's query; 400 `invalidFilter` for a bad filter, `invalidValue` for a bad number. */
export function readListQuery(query: URLSearchParams, schema: ScimResourceSchema): ListQuery {
  const text = query.get("filter");
  let filter: ScimFilter | null = null;
  if (text !== null && text.trim() !== "") {
    filter = parseFilter(text);
    checkFilter(filter, schema);
  }
  // §3.4.2.4: a startIndex below 1 is 1; a negative count is 0.
  const startIndex = Math.max(1, readInteger(query, "startIndex", 1));
  const count = Math.min(SCIM_MAX_RESULTS, Math.max(0, readInteger(query, "count", DEFAULT_COUNT)));
  return { filter, startIndex, count, projection: readProjection(query) };
}

const same = (path: AttributePath, name: string, schema: ScimResourceSchema) =>
  path.attribute.toLowerCase() === name.toLowerCase() &&
  (path.urn === null || path.urn.toLowerCase() === schema.id.toLowerCase());

/** True when the projection returns attribute `name` (so it is worth loading, e.g. a group's members). */
export function returns(projection: Projection, name: string, schema: ScimResourceSchema): boolean {
  if (projection.attributes !== null) return projection.attributes.some((path) => same(path, name, schema));
  return !projection.excluded.some((path) => same(path, name, schema) && path.subAttribute === null);
}

function pick(value: unknown, subs: readonly string[], keep: boolean): unknown {
  const one = (element: unknown) => {
    if (typeof element !== "object" || element === null) return element;
    const wanted = new Set(subs.map((sub) => sub.toLowerCase()));
    return Object.fromEntries(Object.entries(element).filter(([key]) => wanted.has(key.toLowerCase()) === keep));
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** The resource as the projection returns it; `schemas` and `id` always stay (§3.4.2.5). */
export function project(resource: Record<string, unknown>, projection: Projection, schema: ScimResourceSchema) {
  if (projection.attributes === null && projection.excluded.length === 0) return resource;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === "schemas" || key === "id") {
      out[key] = value;
      continue;
    }
    if (projection.attributes !== null) {
      const wanted = projection.attributes.filter((path) => same(path, key, schema));
      if (wanted.length === 0) continue;
      out[key] = wanted.some((path) => path.subAttribute === null)
        ? value
        : pick(
            value,
            wanted.map((path) => path.subAttribute!),
            true,
          );
      continue;
    }
    const excluded = projection.excluded.filter((path) => same(path, key, schema));
    if (excluded.some((path) => path.subAttribute === null)) continue;
    out[key] =
      excluded.length === 0
        ? value
        : pick(
            value,
            excluded.map((path) => path.subAttribute!),
            false,
          );
  }
  return out;
}

/** A ListResponse (§3.4.2): one page of `resources` out of `totalResults`. */
export function listResponse(resources: readonly unknown[], totalResults: number, startIndex: number) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** True when `filter` reads attribute `name` anywhere (so it must be loaded before filtering). */
export function filterReads(filter: ScimFilter | null, name: string): boolean {
  if (filter === null) return false;
  switch (filter.kind) {
    case "and":
    case "or":
      return filterReads(filter.left, name) || filterReads(filter.right, name);
    case "not":
      return filterReads(filter.filter, name);
    default:
      return filter.path.attribute.toLowerCase() === name.toLowerCase();
  }
}

/**
 * An `attr eq "value"` the whole filter requires (top level, or under `and`), for looking the
 * candidates up by index before filtering; null when there is none.
 */
export function requiredEquality(
  filter: ScimFilter | null,
  attributes: readonly string[],
): { attribute: string; value: string } | null {
  if (filter === null) return null;
  if (filter.kind === "and")
    return requiredEquality(filter.left, attributes) ?? requiredEquality(filter.right, attributes);
  if (
    filter.kind === "compare" &&
    filter.op === "eq" &&
    typeof filter.value === "string" &&
    filter.path.subAttribute === null
  ) {
    const attribute = attributes.find((name) => name.toLowerCase() === filter.path.attribute.toLowerCase());
    return attribute === undefined ? null : { attribute, value: filter.value };
  }
  return null;
}
