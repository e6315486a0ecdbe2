/**
 * The SCIM discovery documents (RFC 7644 §4, RFC 7643 §5–7): what the service supports, its
 * resource types and their schemas, generated from the schema table.
 * @module
 */
import { SCIM_MAX_RESULTS } from "./scim-list.ts";
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_RESOURCE,
  type ScimAttribute,
  type ScimResourceSchema,
  USER_RESOURCE,
} from "./scim-schema.ts";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/** The resource types the service serves. */
export const SCIM_RESOURCES: readonly ScimResourceSchema[] = [USER_RESOURCE, GROUP_RESOURCE];

/** `/ServiceProviderConfig`: PATCH and filters yes (1000 results a page), ETags yes, bulk, sort and password change no. */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "API key",
        description: "A Warden API key (wk_…) with the scim permission, as `Authorization: Bearer <key>`",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

/** One `/ResourceTypes` entry. */
export function resourceType(resource: ScimResourceSchema, base: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: resource.resourceType,
    name: resource.name,
    endpoint: resource.endpoint,
    description: resource.description,
    schema: resource.id,
    // Entra ID's own group schema is tolerated in requests, not advertised.
    schemaExtensions: resource.ignoredExtensions
      .filter((schema) => schema === ENTERPRISE_USER_SCHEMA)
      .map((schema) => ({ schema, required: false })),
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${resource.resourceType}` },
  };
}

function describeAttribute(attribute: ScimAttribute): Record<string, unknown> {
  const subAttributes = (attribute.subAttributes ?? []).filter((sub) => sub.kept);
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required ?? false,
    caseExact: attribute.caseExact ?? false,
    mutability: attribute.mutability,
    returned: attribute.name === "id" ? "always" : "default",
    uniqueness: attribute.uniqueness ?? "none",
    ...(subAttributes.length === 0 ? {} : { subAttributes: subAttributes.map(describeAttribute) }),
  };
}

/** One `/Schemas` entry: the attributes Warden keeps and returns (the ignored ones are in docs/api.md). */
export function schemaDocument(resource: ScimResourceSchema, base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: resource.id,
    name: resource.name,
    description: resource.description,
    attributes: resource.attributes.filter((a) => a.kept && a.name !== "meta").map(describeAttribute),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${resource.id}` },
  };
}

/** The enterprise User extension: accepted so Entra ID and Okta can send it, with no attribute kept. */
export function enterpriseSchemaDocument(base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: ENTERPRISE_USER_SCHEMA,
    name: "EnterpriseUser",
    description: "Accepted and ignored: Warden keeps none of its attributes",
    attributes: [],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${ENTERPRISE_USER_SCHEMA}` },
  };
}
