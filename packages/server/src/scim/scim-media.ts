/** Where the SCIM 2.0 service lives; every SCIM route is under it. */
export const SCIM_BASE_PATH = "/scim/v2";

/** The SCIM media type (RFC 7644 §3.1): every SCIM answer carries it. */
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** The request body types SCIM routes accept (identity providers send either). */
export const SCIM_BODY_TYPES: readonly string[] = [SCIM_CONTENT_TYPE, "application/json"];

/** True for a request path the SCIM service answers (its errors are SCIM error bodies). */
export function isScimPath(path: string): boolean {
  return path === SCIM_BASE_PATH || path.startsWith(`${SCIM_BASE_PATH}/`);
}
