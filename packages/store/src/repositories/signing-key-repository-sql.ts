import type { SigningKeyRepository, SigningKeyRow } from "@warden/core";
import type { Selectable } from "kysely";
import { toIso, toIsoOrNull, toMs } from "../codec.ts";
import type { SigningKeysTable } from "../database-schema.ts";
import type { RepositoryContext } from "./repository-context.ts";

function signingKeyRow(row: Selectable<SigningKeysTable>): SigningKeyRow {
  return {
    id: row.id,
    publicKeyPem: row.public_key_pem,
    privateKeyPem: row.private_key_pem,
    createdAt: toIso(row.created_at),
    retiredAt: toIsoOrNull(row.retired_at),
  };
}

/** Bundle signing keys in SQL; newest first everywhere (created_at desc, then id desc). */
export class SigningKeyRepositorySql implements SigningKeyRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async addSigningKey(input: { id: string; publicKeyPem: string; privateKeyPem: string }): Promise<SigningKeyRow> {
    const row = await this.ctx.db
      .insertInto("signing_keys")
      .values({
        id: input.id,
        public_key_pem: input.publicKeyPem,
        private_key_pem: input.privateKeyPem,
        created_at: this.ctx.now(),
        retired_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return signingKeyRow(row);
  }

  async getSigningKey(id: string): Promise<SigningKeyRow | null> {
    const row = await this.ctx.db.selectFrom("signing_keys").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? signingKeyRow(row) : null;
  }

  async listActiveSigningKeys(): Promise<SigningKeyRow[]> {
    const rows = await this.ctx.db
      .selectFrom("signing_keys")
      .selectAll()
      .where("retired_at", "is", null)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(signingKeyRow);
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
