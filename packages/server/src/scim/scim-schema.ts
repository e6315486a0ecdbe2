/**
 * The SCIM resource schemas Warden serves (RFC 7643 §4, §8.7.1), as one table per resource: it
 * drives request checking (known, ignored and read-only attributes), PATCH paths, filters and the
 * `/Schemas` document.
 * @module
 */

/** Schema URNs. */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** Entra ID names this schema in the groups it creates. */
export const ENTRA_GROUP_SCHEMA = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** One attribute of a resource schema. */
export interface ScimAttribute {
  readonly name: string;
  readonly type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  readonly multiValued: boolean;
  readonly description: string;
  readonly mutability: "readWrite" | "readOnly" | "immutable" | "writeOnly";
  readonly required?: boolean;
  /** Compared exactly in filters (RFC 7643 §2.2); otherwise case is ignored. */
  readonly caseExact?: boolean;
  readonly uniqueness?: "none" | "server";
  readonly subAttributes?: readonly ScimAttribute[];
  /**
   * False: a standard attribute Warden keeps nothing for. Accepted in requests and ignored, never
   * returned, not in `/Schemas`, and a filter on it is refused.
   */
  readonly kept: boolean;
}

/** A resource type: its core schema's attributes and the extension schemas it accepts (and ignores). */
export interface ScimResourceSchema {
  readonly resourceType: "User" | "Group";
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly attributes: readonly ScimAttribute[];
  /** Extension schemas a request may carry; Warden ignores their attributes. */
  readonly ignoredExtensions: readonly string[];
}

const text = (name: string, description: string, extra: Partial<ScimAttribute> = {}): ScimAttribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  mutability: "readWrite",
  kept: true,
  ...extra,
});

const ignored = (name: string, multiValued = false): ScimAttribute => ({
  name,
  type: multiValued ? "complex" : "string",
  multiValued,
  description: "accepted and ignored",
  mutability: "readWrite",
  kept: false,
});

const ID = text("id", "Warden's id for the resource", {
  mutability: "readOnly",
  caseExact: true,
  uniqueness: "server",
});
const EXTERNAL_ID = text("externalId", "the identity provider's id for the resource", { caseExact: true });

const META: ScimAttribute = {
  name: "meta",
  type: "complex",
  multiValued: false,
  description: "resource metadata",
  mutability: "readOnly",
  kept: true,
  subAttributes: [
    text("resourceType", "User or Group", { mutability: "readOnly" }),
    text("created", "when the resource was created", { mutability: "readOnly", type: "dateTime" }),
    text("lastModified", "when the resource last changed", { mutability: "readOnly", type: "dateTime" }),
    text("location", "the resource's URI", { mutability: "readOnly", type: "reference", caseExact: true }),
    text("version", "the resource's weak ETag", { mutability: "readOnly", caseExact: true }),
  ],
};

/** The User resource (RFC 7643 §4.1); `groups` is derived from memberships and read-only. */
export const USER_RESOURCE: ScimResourceSchema = {
  resourceType: "User",
  id: USER_SCHEMA,
  name: "User",
  description: "A person whose devices receive policy",
  endpoint: "/Users",
  ignoredExtensions: [ENTERPRISE_USER_SCHEMA],
  attributes: [
    ID,
    EXTERNAL_ID,
    text("userName", "unique (ignoring case); the user's name in Warden", { required: true, uniqueness: "server" }),
    {
      name: "name",
      type: "complex",
      multiValued: false,
      description: "the parts of the user's name",
      mutability: "readWrite",
      kept: true,
      subAttributes: [
        text("formatted", "the full name"),
        text("familyName", "the family name"),
        text("givenName", "the given name"),
        ignored("middleName"),
        ignored("honorificPrefix"),
        ignored("honorificSuffix"),
      ],
    },
    text("displayName", "the name shown for the user"),
    ignored("nickName"),
    ignored("profileUrl"),
    ignored("title"),
    ignored("userType"),
    ignored("preferredLanguage"),
    ignored("locale"),
    ignored("timezone"),
    {
      name: "active",
      type: "boolean",
      multiValued: false,
      description: "false: deactivated; the user keeps its record and memberships but no group counts for its policy",
      mutability: "readWrite",
      kept: true,
    },
    { ...ignored("password"), mutability: "writeOnly" },
    {
      name: "emails",
      type: "complex",
      multiValued: true,
      description: "email addresses",
      mutability: "readWrite",
      kept: true,
      subAttributes: [
        text("value", "the address"),
        ignored("display"),
        text("type", "work, home, other…"),
        {
          name: "primary",
          type: "boolean",
          multiValued: false,
          description: "the primary address",
          mutability: "readWrite",
          kept: true,
        },
      ],
    },
    ignored("phoneNumbers", true),
    ignored("ims", true),
    ignored("photos", true),
    ignored("addresses", true),
    {
      name: "groups",
      type: "complex",
      multiValued: true,
      description: "the groups the user belongs to (change them through the Group resource)",
      mutability: "readOnly",
      kept: true,
      subAttributes: [
        text("value", "the group's id", { mutability: "readOnly", caseExact: true }),
        text("$ref", "the group's URI", { mutability: "readOnly", type: "reference", caseExact: true }),
        text("display", "the group's name", { mutability: "readOnly" }),
        text("type", "direct", { mutability: "readOnly" }),
      ],
    },
    ignored("entitlements", true),
    ignored("roles", true),
    ignored("x509Certificates", true),
    META,
  ],
};

/** The Group resource (RFC 7643 §4.2); members are users (Warden has no nested groups). */
export const GROUP_RESOURCE: ScimResourceSchema = {
  resourceType: "Group",
  id: GROUP_SCHEMA,
  name: "Group",
  description: "A set of users; ordered group rules give its members a policy",
  endpoint: "/Groups",
  ignoredExtensions: [ENTRA_GROUP_SCHEMA],
  attributes: [
    ID,
    EXTERNAL_ID,
    text("displayName", "unique (ignoring case); the group's name in Warden", { required: true, uniqueness: "server" }),
    {
      name: "members",
      type: "complex",
      multiValued: true,
      description: "the group's users",
      mutability: "readWrite",
      kept: true,
      subAttributes: [
        text("value", "the user's id", { caseExact: true, mutability: "immutable" }),
        text("$ref", "the user's URI", { mutability: "immutable", type: "reference", caseExact: true }),
        text("display", "the user's display name", { mutability: "readOnly" }),
        text("type", "User (the only kind of member)", { mutability: "immutable" }),
      ],
    },
    META,
  ],
};

/** The attribute named `name` (ignoring case) among `attributes`, or undefined. */
export function findAttribute(attributes: readonly ScimAttribute[], name: string): ScimAttribute | undefined {
  const wanted = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === wanted);
}
