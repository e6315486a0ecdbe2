import { AUDIT_ROUTES } from "./audit-routes.ts";
import { CREDENTIAL_ROUTES } from "./credential-routes.ts";
import { DEVICE_BUNDLE_ROUTE } from "./device-bundle-route.ts";
import { DEVICE_SESSION_ROUTE } from "./device-session-route.ts";
import { DIRECTORY_ROUTES } from "./directory-routes.ts";
import { ENROLLMENT_ROUTES } from "./enrollment-routes.ts";
import { GROUP_RULE_ROUTES } from "./group-rule-routes.ts";
import { readPageQuery } from "./paginate.ts";
import { POLICY_ROUTES } from "./policy-routes.ts";
import { defineRoute, ok, type RouteSpec } from "./route.ts";
import { SCIM_ROUTES } from "./scim-routes.ts";
import { SIGNING_KEY_ROUTES } from "./signing-key-routes.ts";
import { SIMULATE_ROUTE } from "./simulate-route.ts";

const ACTIVITY_ROUTE = defineRoute({
  method: "GET",
  path: "/v1/activity",
  summary: "The admin activity log, newest first: who changed what, with revisions before and after",
  tag: "activity",
  permission: "activity:read",
  query: [
    { name: "targetType", description: "only entries about this kind of object (policy, group, …)", type: "string" },
    { name: "targetId", description: "only entries about this object", type: "string" },
    { name: "actorId", description: "only entries by this principal", type: "string" },
    { name: "cursor", description: "the nextCursor of the previous page", type: "string" },
    { name: "limit", description: "page size, 1 to 1000 (default 100)", type: "integer" },
  ],
  success: { status: 200, description: "a page of activity entries" },
  async handle({ query, services }) {
    const page = readPageQuery(query);
    const filter: { targetType?: string; targetId?: string; actorId?: string } = {};
    for (const key of ["targetType", "targetId", "actorId"] as const) {
      const value = query.get(key);
      if (value !== null) filter[key] = value;
    }
    return ok(await services.store.activity.listActivity(filter, page));
  },
});

const HEALTH_ROUTE = defineRoute({
  method: "GET",
  path: "/healthz",
  summary: "Liveness and storage check (public); 503 storage_unavailable when the database is down",
  tag: "meta",
  permission: null,
  success: { status: 200, description: "{status: ok, storage}" },
  async handle({ services }) {
    await services.store.credentials.countPrincipalsWithRole("owner");
    return ok({ status: "ok", storage: services.store.dialect });
  },
});

/** Every route the app serves (besides `/openapi.json`), in the order OpenAPI lists them. */
export const API_ROUTES: readonly RouteSpec<unknown>[] = [
  HEALTH_ROUTE,
  ...POLICY_ROUTES,
  ...DIRECTORY_ROUTES,
  ...GROUP_RULE_ROUTES,
  SIMULATE_ROUTE,
  ...CREDENTIAL_ROUTES,
  ACTIVITY_ROUTE,
  ...AUDIT_ROUTES,
  ...ENROLLMENT_ROUTES,
  ...SIGNING_KEY_ROUTES,
  DEVICE_SESSION_ROUTE,
  DEVICE_BUNDLE_ROUTE,
  ...SCIM_ROUTES,
];
