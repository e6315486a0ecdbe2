import { badRequest } from "./scim-error.ts";

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A required string of 1…`max` characters without control characters; 400 `invalidValue` otherwise. */
export function requiredText(value: unknown, where: string, max = 200): string {
  if (typeof value !== "string" || value.trim() === "")
    throw badRequest("invalidValue", `${where}: required, a non-empty string`);
  if (value.length > max) throw badRequest("invalidValue", `${where}: at most ${max} characters`);
  if (CONTROL.test(value)) throw badRequest("invalidValue", `${where}: must not contain control characters`);
  return value;
}

/** Like {@link requiredText}, or null when absent, null or empty. */
export function optionalText(value: unknown, where: string, max = 200): string | null {
  if (value === undefined || value === null || value === "") return null;
  return requiredText(value, where, max);
}

/** A boolean, or the strings "true"/"false" in any case (Entra ID sends `"False"`); 400 `invalidValue` otherwise. */
export function scimBoolean(value: unknown, where: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw badRequest("invalidValue", `${where}: expected true or false, got ${JSON.stringify(value)}`);
}

/** The weak ETag of a resource version (`meta.version` and the ETag header). */
export function versionTag(version: number): string {
  return `W/"${version}"`;
}
