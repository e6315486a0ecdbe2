/**
 * SCIM PATCH (RFC 7644 §3.5.2) over a resource draft, with the dialects identity providers speak:
 * op names in any case (Entra ID: `Add`, `Replace`, `Remove`), operations without a path whose
 * value holds attributes or attribute paths (Okta: `{"op":"replace","value":{"active":false}}`),
 * `members[value eq "…"]`, removing members listed in `value` (Entra ID), and `add`/`replace` on
 * `emails[type eq "work"].value` creating the address when none matches (what Entra ID expects).
 * @module
 */
import { badRequest, ScimError } from "./scim-error.ts";
import type { ScimFilter } from "./scim-filter.ts";
import { checkFilter, matchesFilter, readProperty } from "./scim-filter-match.ts";
import { parseScimPath, type ScimPath } from "./scim-path.ts";
import { isIgnoredExtension, isObject, normalizeComplex, normalizeValue, type ScimDraft } from "./scim-request.ts";
import { findAttribute, PATCH_OP_SCHEMA, type ScimAttribute, type ScimResourceSchema } from "./scim-schema.ts";

/** One PATCH operation. */
export interface PatchOperation {
  readonly op: "add" | "replace" | "remove";
  readonly path: ScimPath | null;
  readonly value: unknown;
}

const MAX_OPERATIONS = 1000;

/** Reads a PatchOp body; 400 `invalidSyntax` for a malformed one, `invalidPath` for a bad path, `noTarget` for a remove without one. */
export function readPatchOperations(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest("invalidSyntax", "the body must be a PatchOp object");
  const schemas = readProperty(body, "schemas");
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => typeof urn === "string" && urn.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())
  ) {
    throw badRequest("invalidSyntax", `schemas: must be [${JSON.stringify(PATCH_OP_SCHEMA)}]`);
  }
  const operations = readProperty(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest("invalidSyntax", "Operations: expected a non-empty array of operations");
  }
  if (operations.length > MAX_OPERATIONS) throw badRequest("invalidSyntax", `Operations: at most ${MAX_OPERATIONS}`);
  return operations.map((raw, index): PatchOperation => {
    const where = `Operations[${index}]`;
    if (!isObject(raw)) throw badRequest("invalidSyntax", `${where}: expected an object`);
    const op = readProperty(raw, "op");
    const kind = typeof op === "string" ? op.toLowerCase() : null;
    if (kind !== "add" && kind !== "replace" && kind !== "remove") {
      throw badRequest(
        "invalidSyntax",
        `${where}.op: expected add, replace or remove, got ${JSON.stringify(op ?? null)}`,
      );
    }
    const rawPath = readProperty(raw, "path");
    if (rawPath !== undefined && typeof rawPath !== "string")
      throw badRequest("invalidPath", `${where}.path: expected a string`);
    const path = rawPath === undefined || rawPath.trim() === "" ? null : parseScimPath(rawPath);
    const value = readProperty(raw, "value");
    if (kind === "remove" && path === null) throw badRequest("noTarget", `${where}: remove needs a path`);
    if (kind !== "remove" && value === undefined) throw badRequest("invalidSyntax", `${where}: ${kind} needs a value`);
    if (kind !== "remove" && path === null && !isObject(value)) {
      throw badRequest("invalidValue", `${where}: without a path, the value must be an object of attributes`);
    }
    return { op: kind, path, value };
  });
}

/** Applies `operations` to `draft` in order (the caller validates the result as a whole). */
export function applyPatch(draft: ScimDraft, operations: readonly PatchOperation[], schema: ScimResourceSchema): void {
  for (const operation of operations) {
    if (operation.path !== null) {
      applyAt(draft, operation.op, operation.path, operation.value, schema);
      continue;
    }
    // No path: the value's keys are attributes, or attribute paths (`name.givenName`).
    for (const [key, value] of Object.entries(operation.value as Record<string, unknown>)) {
      if (isIgnoredExtension(schema, key)) continue;
      if (key.toLowerCase() === schema.id.toLowerCase() && isObject(value)) {
        for (const [inner, innerValue] of Object.entries(value))
          applyAt(draft, operation.op, parseScimPath(inner), innerValue, schema);
        continue;
      }
      applyAt(draft, operation.op, parseScimPath(key), value, schema);
    }
  }
}

type Kind = PatchOperation["op"];

function applyAt(draft: ScimDraft, kind: Kind, path: ScimPath, value: unknown, schema: ScimResourceSchema): void {
  if (path.urn !== null) {
    if (isIgnoredExtension(schema, path.urn) || isIgnoredExtension(schema, `${path.urn}:${path.attribute}`)) return;
    if (path.urn.toLowerCase() !== schema.id.toLowerCase()) {
      throw badRequest("invalidPath", `path ${JSON.stringify(path.text)}: unknown schema ${path.urn}`);
    }
  }
  const attribute = findAttribute(schema.attributes, path.attribute);
  if (attribute === undefined) {
    throw badRequest(
      "invalidPath",
      `path ${JSON.stringify(path.text)}: a ${schema.resourceType} has no attribute ${path.attribute}`,
    );
  }
  if (attribute.mutability === "readOnly") {
    // Okta repeats the id in a pathless replace; that changes nothing.
    if (attribute.name === "id" && kind !== "remove" && path.filter === null && value === draft.id) return;
    throw badRequest("mutability", `${attribute.name} is read-only`);
  }
  if (!attribute.kept) return;
  const sub = path.subAttribute === null ? null : subAttributeOf(attribute, path);
  if (sub !== null && !sub.kept) return;
  if (attribute.multiValued) {
    applyMultiValued(draft, kind, attribute, path, sub, value, schema);
    return;
  }
  if (path.filter !== null) {
    throw badRequest("invalidPath", `path ${JSON.stringify(path.text)}: ${attribute.name} is not multi-valued`);
  }
  const name = attribute.name;
  if (attribute.type !== "complex") {
    if (kind === "remove") delete draft[name];
    else draft[name] = value;
    return;
  }
  // A single complex attribute (`name`): add and replace both merge sub-attributes (§3.5.2.1, §3.5.2.3).
  const current = isObject(draft[name]) ? (draft[name] as Record<string, unknown>) : {};
  if (sub !== null) {
    if (kind === "remove") delete current[sub.name];
    else current[sub.name] = value;
    draft[name] = current;
  } else if (kind === "remove") {
    delete draft[name];
  } else {
    draft[name] = { ...current, ...normalizeComplex(attribute, value, path.text) };
  }
}

function subAttributeOf(attribute: ScimAttribute, path: ScimPath): ScimAttribute {
  const sub = findAttribute(attribute.subAttributes ?? [], path.subAttribute!);
  if (sub === undefined || attribute.type !== "complex") {
    throw badRequest(
      "invalidPath",
      `path ${JSON.stringify(path.text)}: ${attribute.name} has no sub-attribute ${path.subAttribute}`,
    );
  }
  if (sub.mutability === "readOnly") throw badRequest("mutability", `${attribute.name}.${sub.name} is read-only`);
  return sub;
}

/** The `value` sub-attribute of an element (how elements of emails and members are told apart). */
const elementValue = (element: unknown) => readProperty(element, "value");

function applyMultiValued(
  draft: ScimDraft,
  kind: Kind,
  attribute: ScimAttribute,
  path: ScimPath,
  sub: ScimAttribute | null,
  value: unknown,
  schema: ScimResourceSchema,
): void {
  const name = attribute.name;
  const list = Array.isArray(draft[name]) ? [...(draft[name] as Record<string, unknown>[])] : [];
  if (path.filter === null && sub === null) {
    if (kind === "replace") {
      draft[name] = normalizeValue(attribute, Array.isArray(value) ? value : [value], path.text);
      return;
    }
    if (kind === "add") {
      const added = normalizeValue(attribute, Array.isArray(value) ? value : [value], path.text) as Record<
        string,
        unknown
      >[];
      for (const element of added) {
        const same = list.findIndex(
          (existing) => elementValue(existing) !== undefined && elementValue(existing) === elementValue(element),
        );
        if (same === -1) list.push(element);
        else list[same] = { ...list[same], ...element };
      }
      draft[name] = list;
      return;
    }
    // remove: the elements listed in `value` (Entra ID), else all of them.
    if (value === undefined || value === null) {
      draft[name] = [];
      return;
    }
    const gone = (
      normalizeValue(attribute, Array.isArray(value) ? value : [value], path.text) as Record<string, unknown>[]
    ).map(elementValue);
    draft[name] = list.filter((element) => !gone.includes(elementValue(element)));
    return;
  }
  const filter = path.filter;
  if (filter !== null) {
    try {
      checkFilter(filter, schema, attribute.subAttributes ?? []);
    } catch (error) {
      if (error instanceof ScimError)
        throw badRequest("invalidPath", `path ${JSON.stringify(path.text)}: ${error.message}`);
      throw error;
    }
  }
  const scope = attribute.subAttributes ?? [];
  const matched = list
    .map((element, index) => ({ element, index }))
    .filter(({ element }) => filter === null || matchesFilter(filter, element, schema, scope));
  if (kind === "remove") {
    // Removing what is already gone changes nothing (identity providers retry).
    if (sub === null) {
      const drop = new Set(matched.map(({ index }) => index));
      draft[name] = list.filter((_, index) => !drop.has(index));
    } else {
      for (const { index } of matched) {
        const copy = { ...list[index] };
        delete copy[sub.name];
        list[index] = copy;
      }
      draft[name] = list;
    }
    return;
  }
  if (matched.length === 0) {
    const seed = filter === null ? {} : elementDescribedBy(filter);
    if (seed === null) {
      throw badRequest("noTarget", `path ${JSON.stringify(path.text)}: no ${name} value matches the filter`);
    }
    const element =
      sub === null ? { ...seed, ...normalizeComplex(attribute, value, path.text) } : { ...seed, [sub.name]: value };
    draft[name] = [...list, normalizeComplex(attribute, element, path.text)];
    return;
  }
  for (const { index } of matched) {
    if (sub !== null) list[index] = { ...list[index], [sub.name]: value };
    else if (kind === "replace") list[index] = normalizeComplex(attribute, value, path.text);
    else list[index] = { ...list[index], ...normalizeComplex(attribute, value, path.text) };
  }
  draft[name] = list;
}

/** The element a filter of `eq` comparisons joined by `and` describes (`type eq "work"` → `{type: "work"}`), else null. */
function elementDescribedBy(filter: ScimFilter): Record<string, unknown> | null {
  if (filter.kind === "compare" && filter.op === "eq" && filter.value !== null && filter.path.subAttribute === null) {
    return { [filter.path.attribute]: filter.value };
  }
  if (filter.kind === "and") {
    const [left, right] = [elementDescribedBy(filter.left), elementDescribedBy(filter.right)];
    return left === null || right === null ? null : { ...left, ...right };
  }
  return null;
}
