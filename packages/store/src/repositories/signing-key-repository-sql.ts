import { orderActiveSigningKeys, type SigningKeyRepository, type SigningKeyRow } from "@warden/core";
import type { Kysely, Selectable } from "kysely";
import { toIso, toIsoOrNull, toMs } from "../codec.ts";
import type { SigningKeysTable, WardenDatabase } from "../database-schema.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

function signingKeyRow(row: Selectable<SigningKeysTable>): SigningKeyRow {
  return {
    id: row.id,
    publicKeyPem: row.public_key_pem,
    privateKeyPem: row.private_key_pem,
    createdAt: toIso(row.created_at),
    signingSince: toIsoOrNull(row.signing_since),
    retiredAt: toIsoOrNull(row.retired_at),
  };
}

/**
 * The `signing_since` of a key promoted at `atMs`: that, or just after the latest promotion when a
 * clock (another server's, a test's) says otherwise, so the key promoted last is always the signer.
 */
async function nextSigningSince(db: Kysely<WardenDatabase>, atMs: number): Promise<number> {
  const row = await db
    .selectFrom("signing_keys")
    .select((eb) => eb.fn.max("signing_since").as("latest"))
    .executeTakeFirst();
  return Math.max(atMs, Number(row?.latest ?? 0) + 1);
}

/** Bundle signing keys in SQL; newest first (created_at desc, then id desc), except the signer leads the active ones. */
export class SigningKeyRepositorySql implements SigningKeyRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async addSigningKey(input: {
    id: string;
    publicKeyPem: string;
    privateKeyPem: string;
    signing?: boolean;
  }): Promise<SigningKeyRow> {
    const now = this.ctx.now();
    const row = await atomically(this.ctx, async (db) =>
      db
        .insertInto("signing_keys")
        .values({
          id: input.id,
          public_key_pem: input.publicKeyPem,
          private_key_pem: input.privateKeyPem,
          created_at: now,
          signing_since: input.signing ? await nextSigningSince(db, now) : null,
          retired_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return signingKeyRow(row);
  }

  async getSigningKey(id: string): Promise<SigningKeyRow | null> {
    const row = await this.ctx.db.selectFrom("signing_keys").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? signingKeyRow(row) : null;
  }

  async listActiveSigningKeys(): Promise<SigningKeyRow[]> {
    const rows = await this.ctx.db.selectFrom("signing_keys").selectAll().where("retired_at", "is", null).execute();
    // A handful of rows: ordered by core's rule, which the server's keyring uses too.
    return orderActiveSigningKeys(rows.map(signingKeyRow));
  }

  async listSigningKeys(): Promise<SigningKeyRow[]> {
    const rows = await this.ctx.db
      .selectFrom("signing_keys")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(signingKeyRow);
  }

  promoteSigningKey(id: string, at: string): Promise<boolean> {
    return atomically(this.ctx, async (db) => {
      const result = await db
        .updateTable("signing_keys")
        .set({ signing_since: await nextSigningSince(db, toMs(at)) })
        .where("id", "=", id)
        .where("retired_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async purgeRetiredPrivateKeys(retiredBy: string): Promise<string[]> {
    const rows = await this.ctx.db
      .updateTable("signing_keys")
      .set({ private_key_pem: null })
      .where("retired_at", "<=", toMs(retiredBy))
      .where("private_key_pem", "is not", null)
      .returning("id")
      .execute();
    return rows.map((row) => row.id).sort();
  }

  async retireSigningKey(id: string, retiredAt: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable("signing_keys")
      .set({ retired_at: toMs(retiredAt) })
      .where("id", "=", id)
      .where("retired_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
