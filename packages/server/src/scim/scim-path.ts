import { badRequest } from "./scim-error.ts";
import { FilterSyntaxError, parseAttributePath, parseBracketFilter, type ScimFilter } from "./scim-filter.ts";

/**
 * A PATCH `path` (RFC 7644 §3.5.2): `[urn:]attr[.sub]` or `attr[valFilter][.sub]`, e.g.
 * `name.givenName`, `members[value eq "…"]`, `emails[type eq "work"].value`.
 */
export interface ScimPath {
  readonly text: string;
  readonly urn: string | null;
  readonly attribute: string;
  readonly filter: ScimFilter | null;
  readonly subAttribute: string | null;
}

/** Parses a PATCH path; 400 `invalidPath` when it is not one. */
export function parseScimPath(text: string): ScimPath {
  const invalid = (why: string) => badRequest("invalidPath", `path ${JSON.stringify(text)}: ${why}`);
  const open = text.indexOf("[");
  const head = parseAttributePath((open === -1 ? text : text.slice(0, open)).trim());
  if (head === null) throw invalid("not an attribute path");
  if (open === -1) return { text, ...head, filter: null };
  if (head.subAttribute !== null) throw invalid("a value filter follows the attribute, not its sub-attribute");
  let parsed: { filter: ScimFilter; end: number };
  try {
    parsed = parseBracketFilter(text, open + 1);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw invalid(`bad value filter: ${error.message}`);
    throw error;
  }
  const rest = text.slice(parsed.end + 1).trim();
  if (rest === "") return { text, urn: head.urn, attribute: head.attribute, filter: parsed.filter, subAttribute: null };
  const sub = /^\.([A-Za-z$][\w$-]*)$/.exec(rest);
  if (!sub) throw invalid(`unexpected ${JSON.stringify(rest)} after the value filter`);
  return { text, urn: head.urn, attribute: head.attribute, filter: parsed.filter, subAttribute: sub[1]! };
}
