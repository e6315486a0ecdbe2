import type { ActorRef, Page, PageRequest } from "./page.ts";

/** One admin change: who did what to which object, with the revisions before and after. */
export interface AdminActivityRow {
  readonly id: string;
  readonly at: string;
  readonly actor: ActorRef;
  /** Dotted verb, e.g. `policy.save`, `policy.rollback`, `group_rules.set`, `api_key.revoke`. */
  readonly action: string;
  /** e.g. `policy`, `group`, `user`, `device`, `api_key`, `signing_key`. */
  readonly targetType: string;
  readonly targetId: string | null;
  readonly beforeRevision: number | null;
  readonly afterRevision: number | null;
  /** Free-form JSON-able details (never secrets). */
  readonly details: Record<string, unknown>;
}

/** The append-only admin activity log. */
export interface AdminActivityRepository {
  appendActivity(entry: Omit<AdminActivityRow, "id" | "at"> & { at?: string }): Promise<AdminActivityRow>;
  /** Entries newest first, optionally for one target or actor. */
  listActivity(
    filter?: { targetType?: string; targetId?: string; actorId?: string },
    page?: PageRequest,
  ): Promise<Page<AdminActivityRow>>;
}
