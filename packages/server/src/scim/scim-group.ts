import type { GroupRow, UserRow } from "@warden/core";
import { badRequest } from "./scim-error.ts";
import { isObject, type ScimDraft } from "./scim-request.ts";
import { GROUP_SCHEMA } from "./scim-schema.ts";
import { optionalText, requiredText, versionTag } from "./scim-values.ts";

/** The SCIM Group resource (RFC 7643 §4.2); `members` null leaves them out (`excludedAttributes=members`). */
export function renderScimGroup(
  group: GroupRow,
  members: readonly UserRow[] | null,
  base: string,
): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId === null ? {} : { externalId: group.externalId }),
    displayName: group.name,
    ...(members === null
      ? {}
      : {
          members: members.map((user) => ({
            value: user.id,
            $ref: `${base}/Users/${user.id}`,
            display: user.displayName,
            type: "User",
          })),
        }),
    meta: {
      resourceType: "Group",
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: `${base}/Groups/${group.id}`,
      version: versionTag(group.version),
    },
  };
}

/** The group as a PATCH draft. */
export function groupDraft(group: GroupRow, members: readonly UserRow[]): ScimDraft {
  return renderScimGroup(group, members, "") as ScimDraft;
}

/** What a Group request asks for; `memberIds` undefined keeps the members (a PUT without `members`). */
export interface ScimGroupFields {
  readonly name: string;
  readonly externalId: string | null;
  readonly memberIds: readonly string[] | undefined;
}

/** Checks a Group draft and returns its fields; 400 `invalidValue` for the first attribute that does not fit. */
export function readGroupDraft(draft: ScimDraft): ScimGroupFields {
  const name = requiredText(draft.displayName, "displayName");
  let memberIds: string[] | undefined;
  if (draft.members !== undefined && draft.members !== null) {
    if (!Array.isArray(draft.members)) throw badRequest("invalidValue", "members: expected an array");
    const ids = new Set<string>();
    draft.members.forEach((member, index) => {
      const where = `members[${index}]`;
      if (!isObject(member)) throw badRequest("invalidValue", `${where}: expected an object`);
      if (member.type !== undefined && (typeof member.type !== "string" || member.type.toLowerCase() !== "user")) {
        throw badRequest(
          "invalidValue",
          `${where}.type: Warden groups hold users only, got ${JSON.stringify(member.type)}`,
        );
      }
      ids.add(requiredText(member.value, `${where}.value`));
    });
    memberIds = [...ids];
  }
  return { name, externalId: optionalText(draft.externalId, "externalId"), memberIds };
}
