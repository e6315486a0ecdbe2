import type { GroupRow, UserEmail, UserProfile, UserRow } from "@warden/core";
import { badRequest } from "./scim-error.ts";
import { isObject, type ScimDraft } from "./scim-request.ts";
import { USER_SCHEMA } from "./scim-schema.ts";
import { optionalText, requiredText, scimBoolean, versionTag } from "./scim-values.ts";

const MAX_EMAILS = 20;

/** The SCIM User resource of a user and its groups (RFC 7643 §4.1); `base` is `…/scim/v2`. */
export function renderScimUser(
  user: UserRow,
  groups: readonly GroupRow[] | null,
  base: string,
): Record<string, unknown> {
  const name: Record<string, string> = {};
  if (user.givenName !== null) name.givenName = user.givenName;
  if (user.familyName !== null) name.familyName = user.familyName;
  if (user.formattedName !== null) name.formatted = user.formattedName;
  return {
    schemas: [USER_SCHEMA],
    id: user.id,
    ...(user.externalId === null ? {} : { externalId: user.externalId }),
    userName: user.name,
    ...(Object.keys(name).length === 0 ? {} : { name }),
    displayName: user.displayName,
    active: user.active,
    ...(user.emails.length === 0
      ? {}
      : {
          emails: user.emails.map((email) => ({
            value: email.value,
            ...(email.type === null ? {} : { type: email.type }),
            primary: email.primary,
          })),
        }),
    ...(groups === null
      ? {}
      : {
          groups: groups.map((group) => ({
            value: group.id,
            $ref: `${base}/Groups/${group.id}`,
            display: group.name,
            type: "direct",
          })),
        }),
    meta: {
      resourceType: "User",
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: `${base}/Users/${user.id}`,
      version: versionTag(user.version),
    },
  };
}

/** The user as a PATCH draft: the attributes a request can change, keyed like the schema. */
export function userDraft(user: UserRow): ScimDraft {
  return renderScimUser(user, null, "") as ScimDraft;
}

/** What a User request asks for; `active` undefined keeps the current value (omitting it never reactivates). */
export interface ScimUserFields extends Required<Omit<UserProfile, "active">> {
  readonly name: string;
  readonly active: boolean | undefined;
}

function readEmails(value: unknown): UserEmail[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("invalidValue", "emails: expected an array");
  if (value.length > MAX_EMAILS) throw badRequest("invalidValue", `emails: at most ${MAX_EMAILS}`);
  const emails: UserEmail[] = [];
  value.forEach((entry, index) => {
    const where = `emails[${index}]`;
    if (!isObject(entry)) throw badRequest("invalidValue", `${where}: expected an object`);
    // An element whose address was removed by a PATCH is gone.
    if (entry.value === undefined || entry.value === null) return;
    emails.push({
      value: requiredText(entry.value, `${where}.value`, 320),
      type: optionalText(entry.type, `${where}.type`, 50),
      primary:
        entry.primary === undefined || entry.primary === null ? false : scimBoolean(entry.primary, `${where}.primary`),
    });
  });
  if (emails.filter((email) => email.primary).length > 1)
    throw badRequest("invalidValue", "emails: at most one is primary");
  return emails;
}

/**
 * Checks a User draft (from a body or after a PATCH) and returns its fields; 400 `invalidValue`
 * names the first attribute that does not fit. A missing `displayName` is the formatted name,
 * else given and family name, else the userName (Warden always shows one).
 */
export function readUserDraft(draft: ScimDraft): ScimUserFields {
  const userName = requiredText(draft.userName, "userName");
  let name: Record<string, unknown> = {};
  if (draft.name !== undefined && draft.name !== null) {
    if (!isObject(draft.name)) throw badRequest("invalidValue", "name: expected an object");
    name = draft.name;
  }
  const givenName = optionalText(name.givenName, "name.givenName");
  const familyName = optionalText(name.familyName, "name.familyName");
  const formattedName = optionalText(name.formatted, "name.formatted", 400);
  const joined = [givenName, familyName].filter((part) => part !== null).join(" ");
  const displayName =
    optionalText(draft.displayName, "displayName") ?? (formattedName?.slice(0, 200) || joined || userName);
  return {
    name: userName,
    displayName,
    externalId: optionalText(draft.externalId, "externalId"),
    active: draft.active === undefined || draft.active === null ? undefined : scimBoolean(draft.active, "active"),
    givenName,
    familyName,
    formattedName,
    emails: readEmails(draft.emails),
  };
}

/** The fields of `fields` that differ from `user` (what an update writes and the activity log names). */
export function userChanges(user: UserRow, fields: ScimUserFields): { name?: string } & UserProfile {
  const changes: Record<string, unknown> = {};
  if (fields.name !== user.name) changes.name = fields.name;
  if (fields.displayName !== user.displayName) changes.displayName = fields.displayName;
  if (fields.externalId !== user.externalId) changes.externalId = fields.externalId;
  if (fields.active !== undefined && fields.active !== user.active) changes.active = fields.active;
  if (fields.givenName !== user.givenName) changes.givenName = fields.givenName;
  if (fields.familyName !== user.familyName) changes.familyName = fields.familyName;
  if (fields.formattedName !== user.formattedName) changes.formattedName = fields.formattedName;
  if (JSON.stringify(fields.emails) !== JSON.stringify(user.emails)) changes.emails = fields.emails;
  return changes;
}
