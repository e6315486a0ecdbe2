import type { ActorRef } from "./page.ts";

/** The files one policy revision holds, as text exactly as the admin saved them. */
export interface PolicyContent {
  readonly requirementsToml: string;
  readonly managedConfigToml: string | null;
  /** The Warden hook policy source (TOML), or null when the policy has none. */
  readonly hookPolicyToml: string | null;
}

/** A named policy; its content lives in its revisions. */
export interface PolicyRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The newest revision number (1, 2, 3…). */
  readonly currentRevision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One saved state of a policy; revisions are never changed or deleted. */
export interface PolicyRevisionRow extends PolicyContent {
  readonly policyId: string;
  readonly revision: number;
  readonly message: string;
  readonly author: ActorRef;
  /** Set when this revision was made by rolling back to an older one. */
  readonly rolledBackFrom: number | null;
  readonly createdAt: string;
}

/** A policy with the content of its current revision. */
export interface PolicyWithRevision {
  readonly policy: PolicyRow;
  readonly revision: PolicyRevisionRow;
}

/** Policies and their revisions. Saving always creates a new revision; rollback copies an old one forward. */
export interface PolicyRepository {
  /** Creates a policy with revision 1; `conflict` when the name is taken. */
  createPolicy(input: {
    name: string;
    description?: string;
    content: PolicyContent;
    author: ActorRef;
    message?: string;
  }): Promise<PolicyWithRevision | { conflict: "name_taken" }>;
  getPolicy(id: string): Promise<PolicyRow | null>;
  getPolicyByName(name: string): Promise<PolicyRow | null>;
  /** All policies, ordered by name. */
  listPolicies(): Promise<PolicyRow[]>;
  /**
   * Saves new content as revision `currentRevision + 1`. With `expectedRevision`, refuses
   * (`conflict: "stale"`) when someone saved in between. Null when the policy does not exist.
   */
  savePolicy(
    id: string,
    input: { content: PolicyContent; author: ActorRef; message?: string; expectedRevision?: number },
  ): Promise<PolicyWithRevision | { conflict: "stale"; currentRevision: number } | null>;
  getRevision(policyId: string, revision: number): Promise<PolicyRevisionRow | null>;
  /** Revisions newest first. */
  listRevisions(policyId: string): Promise<PolicyRevisionRow[]>;
  /** Copies revision `toRevision`'s content into a new revision; null when the policy or revision is missing. */
  rollbackPolicy(
    id: string,
    input: { toRevision: number; author: ActorRef; message?: string },
  ): Promise<PolicyWithRevision | null>;
  /** Deletes the policy and its revisions; `in_use` while a group rule or the default refers to it. */
  deletePolicy(id: string): Promise<"deleted" | "in_use" | "not_found">;
}
