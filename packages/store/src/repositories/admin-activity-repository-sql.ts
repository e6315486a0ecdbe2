import type { ActorRef, AdminActivityRepository, AdminActivityRow, Page, PageRequest } from "@warden/core";
import type { Selectable } from "kysely";
import { decodeCursor, encodeCursor, newId, pageLimit, toIso, toMs } from "../codec.ts";
import type { AdminActivityTable } from "../database-schema.ts";
import type { RepositoryContext } from "./repository-context.ts";

function activityRow(row: Selectable<AdminActivityTable>): AdminActivityRow {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: { kind: row.actor_kind as ActorRef["kind"], id: row.actor_id },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    beforeRevision: row.before_revision === null ? null : Number(row.before_revision),
    afterRevision: row.after_revision === null ? null : Number(row.after_revision),
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** The append-only admin activity log in SQL, paged newest first by (at, id). */
export class AdminActivityRepositorySql implements AdminActivityRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async appendActivity(entry: Omit<AdminActivityRow, "id" | "at"> & { at?: string }): Promise<AdminActivityRow> {
    const row = await this.ctx.db
      .insertInto("admin_activity")
      .values({
        id: newId(),
        at: entry.at === undefined ? this.ctx.now() : toMs(entry.at),
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        before_revision: entry.beforeRevision,
        after_revision: entry.afterRevision,
        details: JSON.stringify(entry.details),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return activityRow(row);
  }

  async listActivity(
    filter: { targetType?: string; targetId?: string; actorId?: string } = {},
    page: PageRequest = {},
  ): Promise<Page<AdminActivityRow>> {
    const limit = pageLimit(page.limit);
    let query = this.ctx.db.selectFrom("admin_activity").selectAll();
    if (filter.targetType !== undefined) query = query.where("target_type", "=", filter.targetType);
    if (filter.targetId !== undefined) query = query.where("target_id", "=", filter.targetId);
    if (filter.actorId !== undefined) query = query.where("actor_id", "=", filter.actorId);
    if (page.cursor) {
      const [at, id] = decodeCursor<string>(page.cursor, "string");
      query = query.where((eb) => eb(eb.refTuple("at", "id"), "<", eb.tuple(at, id)));
    }
    const rows = await query
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const data = rows.slice(0, limit).map(activityRow);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor([Number(last.at), last.id]) : null };
  }
}
