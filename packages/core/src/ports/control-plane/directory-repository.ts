/** One email address of a user, as SCIM carries it (RFC 7643 §4.1.2). */
export interface UserEmail {
  readonly value: string;
  /** `work`, `home`, `other` or anything the identity provider sends; null when it sent none. */
  readonly type: string | null;
  readonly primary: boolean;
}

/** A person whose devices receive policy (not necessarily a console user). */
export interface UserRow {
  readonly id: string;
  /** Unique, e.g. the email or the OS login the agent reports (SCIM `userName`). */
  readonly name: string;
  readonly displayName: string;
  /** The identity provider's id for the user (SCIM `externalId`); null when not provisioned. */
  readonly externalId: string | null;
  /**
   * False once the identity provider deactivated the user. The record and its memberships stay
   * (reactivation restores them), but no group counts for policy: see `listPolicyGroupIdsOfUser`.
   */
  readonly active: boolean;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly formattedName: string | null;
  readonly emails: readonly UserEmail[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** 1 at creation, +1 on every change (SCIM `meta.version`). */
  readonly version: number;
}

/** A named set of users. */
export interface GroupRow {
  readonly id: string;
  readonly name: string;
  /** The identity provider's id for the group (SCIM `externalId`); null when not provisioned. */
  readonly externalId: string | null;
  readonly createdAt: string;
  /** Changes with the group's name, external id or members. */
  readonly updatedAt: string;
  /** 1 at creation, +1 on every change, membership changes included (SCIM `meta.version`). */
  readonly version: number;
}

/** The fields of a user that can be set or changed besides its name (all optional). */
export interface UserProfile {
  readonly displayName?: string;
  readonly externalId?: string | null;
  readonly active?: boolean;
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  readonly formattedName?: string | null;
  readonly emails?: readonly UserEmail[];
}

/** The fields of a group that can be set or changed besides its name. */
export interface GroupProfile {
  readonly externalId?: string | null;
}

/** An exact lookup: by `name` (ignoring case, as SCIM compares `userName` and `displayName`) or `externalId` (exact). */
export interface DirectoryMatch {
  readonly field: "name" | "externalId";
  readonly value: string;
}

/** Users, groups, memberships, the ordered group rules and the default policy. */
export interface DirectoryRepository {
  /** Creates a user (active unless told otherwise); `conflict` when the name is taken. */
  createUser(input: { name: string } & UserProfile): Promise<UserRow | { conflict: "name_taken" }>;
  getUser(id: string): Promise<UserRow | null>;
  getUserByName(name: string): Promise<UserRow | null>;
  /** Users matching `match`, ordered by name. */
  findUsers(match: DirectoryMatch): Promise<UserRow[]>;
  /** Users ordered by name. */
  listUsers(): Promise<UserRow[]>;
  /**
   * Changes the given fields (absent ones keep their value) and bumps `version` and `updatedAt`;
   * null when there is no such user, `conflict` when the new name is another user's.
   */
  updateUser(
    id: string,
    changes: { name?: string } & UserProfile,
  ): Promise<UserRow | null | { conflict: "name_taken" }>;
  /** Deletes the user and their memberships. */
  deleteUser(id: string): Promise<boolean>;

  createGroup(input: { name: string } & GroupProfile): Promise<GroupRow | { conflict: "name_taken" }>;
  getGroup(id: string): Promise<GroupRow | null>;
  /** Groups matching `match`, ordered by name. */
  findGroups(match: DirectoryMatch): Promise<GroupRow[]>;
  /** Groups ordered by name. */
  listGroups(): Promise<GroupRow[]>;
  /** Like `updateUser`, for a group. */
  updateGroup(
    id: string,
    changes: { name?: string } & GroupProfile,
  ): Promise<GroupRow | null | { conflict: "name_taken" }>;
  /** Deletes a group and its memberships; `in_use` when a group rule refers to it. */
  deleteGroup(id: string): Promise<"deleted" | "in_use" | "not_found">;

  /** Idempotent; a new membership bumps the group's version. */
  addMember(groupId: string, userId: string): Promise<void>;
  /** True when the user was a member (and the group's version was bumped). */
  removeMember(groupId: string, userId: string): Promise<boolean>;
  /** Ids of the groups the user belongs to (whether or not the user is active). */
  listGroupIdsOfUser(userId: string): Promise<string[]>;
  /** The groups the user belongs to, ordered by name. */
  listGroupsOfUser(userId: string): Promise<GroupRow[]>;
  /**
   * Ids of the groups that count when resolving the user's policy: their groups, or none when the
   * user is deactivated (so a deactivated user gets the default policy, never a group's).
   */
  listPolicyGroupIdsOfUser(userId: string): Promise<string[]>;
  listMembers(groupId: string): Promise<UserRow[]>;

  /** Replaces the whole ordered rule list atomically (positions are assigned 0, 1, 2… from the array order). */
  setGroupRules(rules: readonly { groupId: string; policyId: string }[]): Promise<void>;
  listGroupRules(): Promise<GroupRuleRow[]>;
  setDefaultPolicy(policyId: string | null): Promise<void>;
  getDefaultPolicy(): Promise<string | null>;
}

/** One entry of the ordered rule list: members of `groupId` get `policyId`. */
export interface GroupRuleRow {
  /** 0-based; the list is evaluated in this order and the first match wins. */
  readonly position: number;
  readonly groupId: string;
  readonly policyId: string;
}
