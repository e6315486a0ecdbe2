import type { ActorRef, ControlPlaneRepositories } from "@warden/core";
import { logDirectoryChange } from "../routes/directory-routes.ts";
import { defineRoute, type RouteInput, type RouteSpec } from "../routes/route.ts";
import type { Schema } from "../schema/schema.ts";
import { ScimError } from "./scim-error.ts";
import { SCIM_BASE_PATH } from "./scim-media.ts";
import { versionTag } from "./scim-values.ts";

/** A SCIM request body: any JSON object (the SCIM modules check it against the resource schema). */
export const SCIM_BODY: Schema<Record<string, unknown>> = {
  json: { type: "object", description: "a SCIM resource or PatchOp (RFC 7643, RFC 7644 §3.5.2)" },
  check(value, path, issues) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      issues.push({ path, message: "expected a JSON object" });
    }
    return value as Record<string, unknown>;
  },
};

/** Declares a SCIM route: tag, permission and dialect `scim`. */
export function defineScimRoute<B = undefined>(
  spec: Omit<RouteSpec<B>, "tag" | "permission" | "dialect">,
): RouteSpec<unknown> {
  return defineRoute<B>({ ...spec, tag: "scim", permission: "scim", dialect: "scim" });
}

/** The SCIM service's absolute base URI for this request (`https://host/scim/v2`), for `meta.location`. */
export function scimBase(input: RouteInput<unknown>): string {
  return `${input.url?.origin ?? ""}${SCIM_BASE_PATH}`;
}

/** Refuses (412) a change whose `If-Match` names another version of the resource (RFC 7644 §3.14). */
export function checkIfMatch(input: RouteInput<unknown>, version: number): void {
  const header = input.header?.("if-match");
  if (header === undefined || header.trim() === "*") return;
  const current = versionTag(version).replace(/^W\//, "");
  const tags = header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (!tags.includes(current)) {
    throw new ScimError(412, null, `If-Match ${header} does not match the current version ${versionTag(version)}`);
  }
}

/** The `ETag` header of a resource version. */
export function etagHeader(version: number): Record<string, string> {
  return { etag: versionTag(version) };
}

/** Appends an admin activity entry for a SCIM change (in the change's transaction), marked `via: "scim"`. */
export function logScimChange(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  action: string,
  target: { type: "user" | "group"; id: string },
  details: Record<string, unknown>,
) {
  return logDirectoryChange(tx, actor, action, target, { ...details, via: "scim" });
}
