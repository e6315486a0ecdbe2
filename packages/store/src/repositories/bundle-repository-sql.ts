import type { BundleRepository, BundleRow } from "@warden/core";
import type { Kysely, Selectable } from "kysely";
import { toIso } from "../codec.ts";
import type { BundlesTable, WardenDatabase } from "../database-schema.ts";
import { compileOnce } from "./compile-once.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

function bundleRow(row: Selectable<BundlesTable>): BundleRow {
  return {
    deviceId: row.device_id,
    revision: Number(row.revision),
    etag: row.etag,
    body: row.body,
    signingKeyId: row.signing_key_id,
    policyId: row.policy_id,
    policyRevision: row.policy_revision === null ? null : Number(row.policy_revision),
    createdAt: toIso(row.created_at),
  };
}

function currentBundle(db: Kysely<WardenDatabase>, deviceId: string) {
  return db
    .selectFrom("bundles")
    .selectAll()
    .where("device_id", "=", deviceId)
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
}

// Read on every bundle fetch: compiled once.
const inputsGeneration = compileOnce((db) =>
  db.selectFrom("bundle_generation").select("generation").where("id", "=", 1),
);

/** Per-device bundle revisions in SQL; the highest revision is current. */
export class BundleRepositorySql implements BundleRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  putBundle(input: {
    deviceId: string;
    etag: string;
    body: string;
    signingKeyId: string;
    policyId: string | null;
    policyRevision: number | null;
  }): Promise<{ bundle: BundleRow; created: boolean }> {
    const at = this.ctx.now();
    return atomically(this.ctx, async (db) => {
      const current = await currentBundle(db, input.deviceId);
      if (current?.etag === input.etag) return { bundle: bundleRow(current), created: false };
      const row = await db
        .insertInto("bundles")
        .values({
          device_id: input.deviceId,
          revision: current ? Number(current.revision) + 1 : 1,
          etag: input.etag,
          body: input.body,
          signing_key_id: input.signingKeyId,
          policy_id: input.policyId,
          policy_revision: input.policyRevision,
          created_at: at,
        })
        // A concurrent put took this revision: theirs is current now, so report it unchanged.
        .onConflict((oc) => oc.columns(["device_id", "revision"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { bundle: bundleRow(row), created: true };
      return { bundle: bundleRow((await currentBundle(db, input.deviceId))!), created: false };
    });
  }

  async getCurrentBundle(deviceId: string): Promise<BundleRow | null> {
    const row = await currentBundle(this.ctx.db, deviceId);
    return row ? bundleRow(row) : null;
  }

  async getCurrentBundleEtag(deviceId: string): Promise<{ revision: number; etag: string } | null> {
    const row = await this.ctx.db
      .selectFrom("bundles")
      .select(["revision", "etag"])
      .where("device_id", "=", deviceId)
      .orderBy("revision", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? { revision: Number(row.revision), etag: row.etag } : null;
  }

  async getInputsGeneration(): Promise<number> {
    const [row] = await inputsGeneration(this.ctx, [1]);
    if (row === undefined) throw new Error("bundle_generation has no row (migration 6 not applied?)");
    return Number(row.generation);
  }

  async getBundle(deviceId: string, revision: number): Promise<BundleRow | null> {
    const row = await this.ctx.db
      .selectFrom("bundles")
      .selectAll()
      .where("device_id", "=", deviceId)
      .where("revision", "=", revision)
      .executeTakeFirst();
    return row ? bundleRow(row) : null;
  }
}
