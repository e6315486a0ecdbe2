/**
 * Checking a parsed SCIM filter against a resource schema, and evaluating it over a rendered
 * resource (RFC 7644 §3.4.2.2: attribute names and, unless caseExact, values ignore case).
 * @module
 */
import { badRequest } from "./scim-error.ts";
import type { AttributePath, ScimFilter } from "./scim-filter.ts";
import { findAttribute, type ScimAttribute, type ScimResourceSchema } from "./scim-schema.ts";

/** The attribute (and sub-attribute) a path names in `schema`; null when it names none Warden keeps. */
export function resolveAttribute(
  schema: ScimResourceSchema,
  path: AttributePath,
): { attribute: ScimAttribute; sub: ScimAttribute | null } | null {
  if (path.urn !== null && path.urn.toLowerCase() !== schema.id.toLowerCase()) return null;
  const attribute = findAttribute(schema.attributes, path.attribute);
  if (!attribute?.kept) return null;
  if (path.subAttribute === null) return { attribute, sub: null };
  const sub = findAttribute(attribute.subAttributes ?? [], path.subAttribute);
  return sub?.kept ? { attribute, sub } : null;
}

/**
 * Refuses (400 `invalidFilter`) a filter naming an attribute the resource does not have or a value
 * of the wrong kind. `scope`: the sub-attributes of a multi-valued attribute, for a `[…]` filter.
 */
export function checkFilter(
  filter: ScimFilter,
  schema: ScimResourceSchema,
  scope: readonly ScimAttribute[] | null = null,
): void {
  const check = (node: ScimFilter, scope: readonly ScimAttribute[] | null): void => {
    switch (node.kind) {
      case "and":
      case "or":
        check(node.left, scope);
        check(node.right, scope);
        return;
      case "not":
        check(node.filter, scope);
        return;
      case "valuePath": {
        const target = scope === null ? resolveAttribute(schema, node.path) : null;
        if (target === null || target.sub !== null || target.attribute.type !== "complex") {
          throw badRequest("invalidFilter", `filter: ${describePath(node.path)} cannot take a [value filter]`);
        }
        check(node.filter, target.attribute.subAttributes ?? []);
        return;
      }
      case "present":
      case "compare": {
        const target = targetOf(node.path, scope, schema);
        if (target === null) throw badRequest("invalidFilter", `filter: unknown attribute ${describePath(node.path)}`);
        if (node.kind === "compare") checkComparison(node, target);
        return;
      }
    }
  };
  check(filter, scope);
}

function describePath(path: AttributePath): string {
  return [path.urn, [path.attribute, path.subAttribute].filter((part) => part !== null).join(".")]
    .filter((part) => part !== null)
    .join(":");
}

/** The attribute a comparison reads: a sub-attribute inside `[…]`, else a resource attribute (complex → its `value`). */
function targetOf(path: AttributePath, scope: readonly ScimAttribute[] | null, schema: ScimResourceSchema) {
  if (scope !== null) {
    if (path.urn !== null || path.subAttribute !== null) return null;
    const sub = findAttribute(scope, path.attribute);
    return sub?.kept ? sub : null;
  }
  const resolved = resolveAttribute(schema, path);
  if (resolved === null) return null;
  if (resolved.sub !== null) return resolved.sub;
  if (resolved.attribute.type !== "complex") return resolved.attribute;
  const value = findAttribute(resolved.attribute.subAttributes ?? [], "value");
  return value ?? null;
}

function checkComparison(node: Extract<ScimFilter, { kind: "compare" }>, target: ScimAttribute): void {
  const { op, value } = node;
  const fail = (why: string) =>
    badRequest("invalidFilter", `filter: ${target.name} ${op} ${JSON.stringify(value)}: ${why}`);
  if (target.type === "boolean") {
    if ((op !== "eq" && op !== "ne") || (typeof value !== "boolean" && value !== null)) {
      throw fail("a boolean attribute compares with eq or ne against true or false");
    }
    return;
  }
  if (target.type === "complex") throw fail("a complex attribute cannot be compared");
  if ((op === "co" || op === "sw" || op === "ew") && typeof value !== "string") throw fail("needs a string");
  if ((op === "gt" || op === "lt" || op === "ge" || op === "le") && typeof value !== "string") {
    throw fail("needs a string");
  }
  if (typeof value === "boolean" || typeof value === "number") throw fail("a string attribute compares with a string");
}

/** Case-insensitive property read (attribute names ignore case, RFC 7643 §2.1). */
export function readProperty(object: unknown, name: string): unknown {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function compareValues(
  actual: unknown,
  node: Extract<ScimFilter, { kind: "compare" }>,
  target: ScimAttribute,
): boolean {
  const { op, value } = node;
  if (value === null) return op === "eq" ? actual == null : actual != null;
  if (typeof value === "boolean") return op === "eq" ? actual === value : actual !== value;
  if (typeof actual !== "string" || typeof value !== "string") return op === "ne";
  if (target.type === "dateTime" && ["gt", "lt", "ge", "le"].includes(op)) {
    const [a, b] = [Date.parse(actual), Date.parse(value)];
    if (Number.isNaN(b)) throw badRequest("invalidFilter", `filter: ${JSON.stringify(value)} is not a date and time`);
    return op === "gt" ? a > b : op === "lt" ? a < b : op === "ge" ? a >= b : a <= b;
  }
  const [a, b] = target.caseExact ? [actual, value] : [actual.toLowerCase(), value.toLowerCase()];
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "co":
      return a.includes(b);
    case "sw":
      return a.startsWith(b);
    case "ew":
      return a.endsWith(b);
    case "gt":
      return a > b;
    case "lt":
      return a < b;
    case "ge":
      return a >= b;
    case "le":
      return a <= b;
  }
}

/** The values a path reads from `object`: every element of a multi-valued attribute, `value` of a complex one. */
function valuesAt(object: unknown, path: AttributePath, scoped: boolean): unknown[] {
  const top = readProperty(object, path.attribute);
  const elements = Array.isArray(top) ? top : top === undefined ? [] : [top];
  return elements.map((element) => {
    if (path.subAttribute !== null) return readProperty(element, path.subAttribute);
    if (!scoped && typeof element === "object" && element !== null) return readProperty(element, "value");
    return element;
  });
}

/**
 * True when the rendered `resource` (or, with `scope`, one element of a multi-valued attribute)
 * matches `filter`, checked first with {@link checkFilter}.
 */
export function matchesFilter(
  filter: ScimFilter,
  resource: unknown,
  schema: ScimResourceSchema,
  scope: readonly ScimAttribute[] | null = null,
): boolean {
  const evaluate = (node: ScimFilter, object: unknown, scope: readonly ScimAttribute[] | null): boolean => {
    switch (node.kind) {
      case "and":
        return evaluate(node.left, object, scope) && evaluate(node.right, object, scope);
      case "or":
        return evaluate(node.left, object, scope) || evaluate(node.right, object, scope);
      case "not":
        return !evaluate(node.filter, object, scope);
      case "valuePath": {
        const target = resolveAttribute(schema, node.path)!;
        const top = readProperty(object, node.path.attribute);
        const elements = Array.isArray(top) ? top : top === undefined ? [] : [top];
        return elements.some((element) => evaluate(node.filter, element, target.attribute.subAttributes ?? []));
      }
      case "present":
        return valuesAt(object, node.path, scope !== null).some(
          (value) =>
            value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0),
        );
      case "compare": {
        const target = targetOf(node.path, scope, schema)!;
        const values = valuesAt(object, node.path, scope !== null);
        if (node.op === "ne") return values.every((value) => compareValues(value, node, target));
        if (values.length === 0) return node.value === null && node.op === "eq";
        return values.some((value) => compareValues(value, node, target));
      }
    }
  };
  return evaluate(filter, resource, scope);
}
