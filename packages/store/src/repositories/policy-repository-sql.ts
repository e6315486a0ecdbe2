import type {
  ActorRef,
  PolicyContent,
  PolicyRepository,
  PolicyRevisionRow,
  PolicyRow,
  PolicyWithRevision,
} from "@warden/core";
import type { Kysely, Selectable } from "kysely";
import { newId, toIso } from "../codec.ts";
import type { PoliciesTable, PolicyRevisionsTable, WardenDatabase } from "../database-schema.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

function policyRow(row: Selectable<PoliciesTable>): PolicyRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    currentRevision: Number(row.current_revision),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function revisionRow(row: Selectable<PolicyRevisionsTable>): PolicyRevisionRow {
  return {
    policyId: row.policy_id,
    revision: Number(row.revision),
    requirementsToml: row.requirements_toml,
    managedConfigToml: row.managed_config_toml,
    hookPolicyToml: row.hook_policy_toml,
    message: row.message,
    author: { kind: row.author_kind as ActorRef["kind"], id: row.author_id },
    rolledBackFrom: row.rolled_back_from === null ? null : Number(row.rolled_back_from),
    createdAt: toIso(row.created_at),
  };
}

/** Policies and their append-only revisions in SQL. */
export class PolicyRepositorySql implements PolicyRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async createPolicy(input: {
    name: string;
    description?: string;
    content: PolicyContent;
    author: ActorRef;
    message?: string;
  }): Promise<PolicyWithRevision | { conflict: "name_taken" }> {
    const at = this.ctx.now();
    const id = newId();
    return atomically(this.ctx, async (db) => {
      // onConflict rather than catching the violation: a failed statement would abort a pg transaction.
      const policy = await db
        .insertInto("policies")
        .values({
          id,
          name: input.name,
          description: input.description ?? "",
          current_revision: 1,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column("name").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!policy) return { conflict: "name_taken" as const };
      const revision = await this.insertRevision(db, id, 1, input, null, at);
      return { policy: policyRow(policy), revision };
    });
  }

  async getPolicy(id: string): Promise<PolicyRow | null> {
    const row = await this.ctx.db.selectFrom("policies").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? policyRow(row) : null;
  }

  async getPolicyByName(name: string): Promise<PolicyRow | null> {
    const row = await this.ctx.db.selectFrom("policies").selectAll().where("name", "=", name).executeTakeFirst();
    return row ? policyRow(row) : null;
  }

  async listPolicies(): Promise<PolicyRow[]> {
    const rows = await this.ctx.db.selectFrom("policies").selectAll().orderBy("name").execute();
    return rows.map(policyRow);
  }

  savePolicy(
    id: string,
    input: { content: PolicyContent; author: ActorRef; message?: string; expectedRevision?: number },
  ): Promise<PolicyWithRevision | { conflict: "stale"; currentRevision: number } | null> {
    return this.addRevision(id, input, null, input.expectedRevision);
  }

  async getRevision(policyId: string, revision: number): Promise<PolicyRevisionRow | null> {
    const row = await this.ctx.db
      .selectFrom("policy_revisions")
      .selectAll()
      .where("policy_id", "=", policyId)
      .where("revision", "=", revision)
      .executeTakeFirst();
    return row ? revisionRow(row) : null;
  }

  async listRevisions(policyId: string): Promise<PolicyRevisionRow[]> {
    const rows = await this.ctx.db
      .selectFrom("policy_revisions")
      .selectAll()
      .where("policy_id", "=", policyId)
      .orderBy("revision", "desc")
      .execute();
    return rows.map(revisionRow);
  }

  async rollbackPolicy(
    id: string,
    input: { toRevision: number; author: ActorRef; message?: string },
  ): Promise<PolicyWithRevision | null> {
    const old = await this.getRevision(id, input.toRevision);
    if (!old) return null;
    const message = input.message ?? `roll back to revision ${input.toRevision}`;
    const result = await this.addRevision(id, { content: old, author: input.author, message }, input.toRevision);
    return result && "policy" in result ? result : null;
  }

  async deletePolicy(id: string): Promise<"deleted" | "in_use" | "not_found"> {
    return atomically(this.ctx, async (db) => {
      const rule = await db.selectFrom("group_rules").select("position").where("policy_id", "=", id).executeTakeFirst();
      const isDefault = await db
        .selectFrom("settings")
        .select("key")
        .where("key", "=", "default_policy_id")
        .where("value", "=", id)
        .executeTakeFirst();
      if (rule || isDefault) return "in_use";
      const deleted = await db.deleteFrom("policies").where("id", "=", id).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0 ? "deleted" : "not_found";
    });
  }

  private addRevision(
    id: string,
    input: { content: PolicyContent; author: ActorRef; message?: string },
    rolledBackFrom: number | null,
    expectedRevision?: number,
  ): Promise<PolicyWithRevision | { conflict: "stale"; currentRevision: number } | null> {
    const at = this.ctx.now();
    return atomically(this.ctx, async (db) => {
      // Bumping the counter first takes the row lock, so concurrent saves get distinct revisions.
      let bump = db
        .updateTable("policies")
        .set((eb) => ({ current_revision: eb("current_revision", "+", 1), updated_at: at }))
        .where("id", "=", id);
      if (expectedRevision !== undefined) bump = bump.where("current_revision", "=", expectedRevision);
      const policy = await bump.returningAll().executeTakeFirst();
      if (!policy) {
        const current = await this.getPolicyIn(db, id);
        return current ? { conflict: "stale" as const, currentRevision: current.currentRevision } : null;
      }
      const revision = await this.insertRevision(db, id, Number(policy.current_revision), input, rolledBackFrom, at);
      return { policy: policyRow(policy), revision };
    });
  }

  private async getPolicyIn(db: Kysely<WardenDatabase>, id: string): Promise<PolicyRow | null> {
    const row = await db.selectFrom("policies").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? policyRow(row) : null;
  }

  private async insertRevision(
    db: Kysely<WardenDatabase>,
    policyId: string,
    revision: number,
    input: { content: PolicyContent; author: ActorRef; message?: string },
    rolledBackFrom: number | null,
    at: number,
  ): Promise<PolicyRevisionRow> {
    const row = await db
      .insertInto("policy_revisions")
      .values({
        policy_id: policyId,
        revision,
        requirements_toml: input.content.requirementsToml,
        managed_config_toml: input.content.managedConfigToml,
        hook_policy_toml: input.content.hookPolicyToml,
        message: input.message ?? "",
        author_kind: input.author.kind,
        author_id: input.author.id,
        rolled_back_from: rolledBackFrom,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return revisionRow(row);
  }
}
