import type { Role } from "@warden/core";

/** What a route needs; an API key's scopes are a subset of these (or `*`). */
export const PERMISSIONS = [
  "policies:read",
  "policies:write",
  "directory:read",
  "directory:write",
  "simulate",
  "activity:read",
  "api-keys:read",
  "api-keys:write",
  "principals:read",
  "principals:write",
  "audit:read",
  "audit:write",
  "devices:write",
  "signing-keys:write",
  "scim",
] as const;

/** One permission a route can require. */
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ["policies:read", "directory:read", "simulate"];
const AUDITOR: readonly Permission[] = [...VIEWER, "activity:read", "audit:read"];
const ADMIN: readonly Permission[] = [
  ...AUDITOR,
  "policies:write",
  "directory:write",
  "api-keys:read",
  "api-keys:write",
  "principals:read",
  // Shipping audit events; give agents a key scoped to `audit:write` alone.
  "audit:write",
  "devices:write",
  // Adding, promoting and retiring bundle signing keys (rotation).
  "signing-keys:write",
  // SCIM 2.0 provisioning (/scim/v2): give the identity provider a key scoped to `scim` alone.
  "scim",
];

/** What each role may do (one table; the authorization matrix test pins it route by route). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: [...ADMIN, "principals:write"],
  admin: ADMIN,
  auditor: AUDITOR,
  viewer: VIEWER,
};

/** The scope that stands for every permission of the key's role. */
export const ALL_SCOPES = "*";

/** The permissions a caller holds: its role's, narrowed to its API key's scopes. */
export function effectivePermissions(role: Role, scopes: readonly string[]): Set<Permission> {
  const granted = ROLE_PERMISSIONS[role];
  if (scopes.includes(ALL_SCOPES)) return new Set(granted);
  return new Set(granted.filter((permission) => scopes.includes(permission)));
}
