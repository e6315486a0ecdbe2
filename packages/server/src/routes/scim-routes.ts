import {
  enterpriseSchemaDocument,
  resourceType,
  SCIM_RESOURCES,
  schemaDocument,
  serviceProviderConfig,
} from "../scim/scim-discovery.ts";
import { scimNotFound } from "../scim/scim-error.ts";
import { listResponse } from "../scim/scim-list.ts";
import { defineScimRoute, scimBase } from "../scim/scim-route-support.ts";
import { ok, type RouteInput } from "./route.ts";
import { SCIM_GROUP_ROUTES } from "./scim-group-routes.ts";
import { SCIM_USER_ROUTES } from "./scim-user-routes.ts";

const schemaDocuments = (input: RouteInput<unknown>) => [
  ...SCIM_RESOURCES.map((resource) => schemaDocument(resource, scimBase(input))),
  enterpriseSchemaDocument(scimBase(input)),
];

const discoveryRoute = (path: string, summary: string, answer: (input: RouteInput<unknown>) => unknown) =>
  defineScimRoute({
    method: "GET",
    path: `/scim/v2/${path}`,
    summary,
    ...(path.endsWith(":id") ? { errors: ["not_found" as const] } : {}),
    success: { status: 200, description: summary },
    handle: async (input) => ok(answer(input)),
  });

/** SCIM 2.0 discovery (RFC 7644 §4): what the service supports, its resource types and schemas. */
const SCIM_DISCOVERY_ROUTES = [
  discoveryRoute(
    "ServiceProviderConfig",
    "SCIM: the service's features (PATCH, filter, ETag; no bulk, sort or password change)",
    (input) => serviceProviderConfig(scimBase(input)),
  ),
  discoveryRoute("ResourceTypes", "SCIM: the resource types (User, Group)", (input) => {
    const types = SCIM_RESOURCES.map((resource) => resourceType(resource, scimBase(input)));
    return listResponse(types, types.length, 1);
  }),
  discoveryRoute("ResourceTypes/:id", "SCIM: one resource type", (input) => {
    const resource = SCIM_RESOURCES.find((candidate) => candidate.resourceType === input.params.id);
    if (resource === undefined) throw scimNotFound("ResourceType", input.params.id!);
    return resourceType(resource, scimBase(input));
  }),
  discoveryRoute("Schemas", "SCIM: the schemas and the attributes Warden keeps", (input) => {
    const documents = schemaDocuments(input);
    return listResponse(documents, documents.length, 1);
  }),
  discoveryRoute("Schemas/:id", "SCIM: one schema, by URN", (input) => {
    const document = schemaDocuments(input).find((candidate) => candidate.id === input.params.id);
    if (document === undefined) throw scimNotFound("Schema", input.params.id!);
    return document;
  }),
];

/** Every SCIM 2.0 route, under `/scim/v2` (permission `scim`). */
export const SCIM_ROUTES = [...SCIM_DISCOVERY_ROUTES, ...SCIM_USER_ROUTES, ...SCIM_GROUP_ROUTES];
