/**
 * Reading SCIM request bodies into a resource "draft": a plain object keyed by the schema's
 * attribute names (RFC 7643 §2.1: names ignore case), holding only the attributes Warden keeps.
 * @module
 */
import { badRequest } from "./scim-error.ts";
import { parseAttributePath } from "./scim-filter.ts";
import { readProperty } from "./scim-filter-match.ts";
import { findAttribute, type ScimAttribute, type ScimResourceSchema } from "./scim-schema.ts";

/** A resource as the request describes it, keyed by canonical attribute names. */
export type ScimDraft = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `urn` is one of the resource's ignored extension schemas. */
export function isIgnoredExtension(schema: ScimResourceSchema, urn: string): boolean {
  return schema.ignoredExtensions.some((extension) => extension.toLowerCase() === urn.toLowerCase());
}

/**
 * One element of a complex attribute with canonical sub-attribute names. Sub-attributes Warden
 * does not keep are dropped, unknown ones too: Entra ID sends members as `{value, displayName}`.
 */
export function normalizeComplex(attribute: ScimAttribute, value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw badRequest("invalidValue", `${where}: expected an object`);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const sub = findAttribute(attribute.subAttributes ?? [], key);
    if (sub?.kept) out[sub.name] = entry;
  }
  return out;
}

/** A value for `attribute` with canonical names inside; a multi-valued one is always an array. */
export function normalizeValue(attribute: ScimAttribute, value: unknown, where: string): unknown {
  if (attribute.type !== "complex" || value === null) return value;
  if (!attribute.multiValued) return normalizeComplex(attribute, value, where);
  if (!Array.isArray(value)) throw badRequest("invalidValue", `${where}: expected an array`);
  return value.map((element, index) => normalizeComplex(attribute, element, `${where}[${index}]`));
}

/** Checks `schemas`: it must name the resource's schema, and nothing Warden does not know. */
function checkSchemas(body: Record<string, unknown>, schema: ScimResourceSchema): void {
  const schemas = readProperty(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.every((urn) => typeof urn === "string")) {
    throw badRequest("invalidSyntax", `schemas: expected an array of schema URNs including ${schema.id}`);
  }
  for (const urn of schemas as string[]) {
    if (urn.toLowerCase() !== schema.id.toLowerCase() && !isIgnoredExtension(schema, urn)) {
      throw badRequest("invalidSyntax", `schemas: unknown schema ${JSON.stringify(urn)} for a ${schema.resourceType}`);
    }
  }
  if (!schemas.some((urn) => (urn as string).toLowerCase() === schema.id.toLowerCase())) {
    throw badRequest("invalidSyntax", `schemas: must include ${schema.id}`);
  }
}

/**
 * A POST or PUT body as a draft: refuses unknown schemas and attributes (400 `invalidSyntax`), a
 * changed `id` (400 `mutability`, PUT), and drops read-only and ignored attributes.
 */
export function readResourceBody(body: unknown, schema: ScimResourceSchema, currentId: string | null): ScimDraft {
  if (!isObject(body)) throw badRequest("invalidSyntax", `the body must be a ${schema.resourceType} object`);
  checkSchemas(body, schema);
  const draft: ScimDraft = {};
  const take = (key: string, value: unknown) => {
    const path = parseAttributePath(key);
    const attribute = path && path.subAttribute === null ? findAttribute(schema.attributes, path.attribute) : undefined;
    if (
      path === null ||
      attribute === undefined ||
      (path.urn !== null && path.urn.toLowerCase() !== schema.id.toLowerCase())
    ) {
      throw badRequest("invalidSyntax", `unknown attribute ${JSON.stringify(key)} for a ${schema.resourceType}`);
    }
    if (attribute.mutability === "readOnly") {
      if (attribute.name === "id" && currentId !== null && value !== currentId) {
        throw badRequest(
          "mutability",
          `id is read-only: the body says ${JSON.stringify(value)}, the resource is ${currentId}`,
        );
      }
      return;
    }
    if (attribute.kept) draft[attribute.name] = normalizeValue(attribute, value, attribute.name);
  };
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === "schemas" || isIgnoredExtension(schema, key)) continue;
    if (key.toLowerCase() === schema.id.toLowerCase() && isObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) take(inner, innerValue);
      continue;
    }
    take(key, value);
  }
  return draft;
}
