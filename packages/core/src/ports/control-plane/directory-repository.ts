/** A person whose devices receive policy (not necessarily a console user). */
export interface UserRow {
  readonly id: string;
  /** Unique, e.g. the email or the OS login the agent reports. */
  readonly name: string;
  readonly displayName: string;
  readonly createdAt: string;
}

/** A named set of users. */
export interface GroupRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** One entry of the ordered rule list: members of `groupId` get `policyId`. */
export interface GroupRuleRow {
  /** 0-based; the list is evaluated in this order and the first match wins. */
  readonly position: number;
  readonly groupId: string;
  readonly policyId: string;
}

/** Users, groups, memberships, the ordered group rules and the default policy. */
export interface DirectoryRepository {
  /** Creates a user; `conflict` when the name is taken. */
  createUser(input: { name: string; displayName?: string }): Promise<UserRow | { conflict: "name_taken" }>;
  getUser(id: string): Promise<UserRow | null>;
  getUserByName(name: string): Promise<UserRow | null>;
  /** Users ordered by name. */
  listUsers(): Promise<UserRow[]>;
  /** Deletes the user and their memberships. */
  deleteUser(id: string): Promise<boolean>;

  createGroup(input: { name: string }): Promise<GroupRow | { conflict: "name_taken" }>;
  getGroup(id: string): Promise<GroupRow | null>;
  /** Groups ordered by name. */
  listGroups(): Promise<GroupRow[]>;
  /** Deletes a group and its memberships; `in_use` when a group rule refers to it. */
  deleteGroup(id: string): Promise<"deleted" | "in_use" | "not_found">;

  /** Idempotent. */
  addMember(groupId: string, userId: string): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<boolean>;
  /** Ids of the groups the user belongs to. */
  listGroupIdsOfUser(userId: string): Promise<string[]>;
  listMembers(groupId: string): Promise<UserRow[]>;

  /** Replaces the whole ordered rule list atomically (positions are assigned 0, 1, 2… from the array order). */
  setGroupRules(rules: readonly { groupId: string; policyId: string }[]): Promise<void>;
  listGroupRules(): Promise<GroupRuleRow[]>;
  setDefaultPolicy(policyId: string | null): Promise<void>;
  getDefaultPolicy(): Promise<string | null>;
}
