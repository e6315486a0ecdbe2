import type { ApiKeyRow, CredentialRepository, PrincipalRow, Role } from "@warden/core";
import type { Selectable } from "kysely";
import { newId, toIso, toIsoOrNull, toMs, toMsOrNull } from "../codec.ts";
import type { ApiKeysTable, PrincipalsTable } from "../database-schema.ts";
import type { RepositoryContext } from "./repository-context.ts";

function principalRow(row: Selectable<PrincipalsTable>): PrincipalRow {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: toIso(row.created_at),
    disabledAt: toIsoOrNull(row.disabled_at),
  };
}

function apiKeyRow(row: Selectable<ApiKeysTable>): ApiKeyRow {
  return {
    id: row.id,
    principalId: row.principal_id,
    name: row.name,
    prefix: row.prefix,
    secretHash: row.secret_hash,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: toIso(row.created_at),
    expiresAt: toIsoOrNull(row.expires_at),
    lastUsedAt: toIsoOrNull(row.last_used_at),
    revokedAt: toIsoOrNull(row.revoked_at),
  };
}

/** Principals with roles and their hashed API keys in SQL. */
export class CredentialRepositorySql implements CredentialRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async createPrincipal(input: {
    name: string;
    role: Role;
    passwordHash?: string | null;
  }): Promise<PrincipalRow | { conflict: "name_taken" }> {
    const row = await this.ctx.db
      .insertInto("principals")
      .values({
        id: newId(),
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash ?? null,
        created_at: this.ctx.now(),
        disabled_at: null,
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? principalRow(row) : { conflict: "name_taken" };
  }

  async getPrincipal(id: string): Promise<PrincipalRow | null> {
    const row = await this.ctx.db.selectFrom("principals").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? principalRow(row) : null;
  }

  async getPrincipalByName(name: string): Promise<PrincipalRow | null> {
    const row = await this.ctx.db.selectFrom("principals").selectAll().where("name", "=", name).executeTakeFirst();
    return row ? principalRow(row) : null;
  }

  async listPrincipals(): Promise<PrincipalRow[]> {
    return (await this.ctx.db.selectFrom("principals").selectAll().orderBy("name").execute()).map(principalRow);
  }

  async updatePrincipal(
    id: string,
    patch: { role?: Role; passwordHash?: string | null; disabledAt?: string | null },
  ): Promise<PrincipalRow | null> {
    const set: Partial<Selectable<PrincipalsTable>> = {};
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    if (patch.disabledAt !== undefined) set.disabled_at = toMsOrNull(patch.disabledAt);
    if (Object.keys(set).length === 0) return this.getPrincipal(id);
    const row = await this.ctx.db
      .updateTable("principals")
      .set(set)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return row ? principalRow(row) : null;
  }

  async countPrincipalsWithRole(role: Role): Promise<number> {
    const row = await this.ctx.db
      .selectFrom("principals")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("role", "=", role)
      .where("disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createApiKey(input: {
    principalId: string;
    name: string;
    prefix: string;
    secretHash: string;
    scopes: readonly string[];
    expiresAt?: string | null;
  }): Promise<ApiKeyRow> {
    const row = await this.ctx.db
      .insertInto("api_keys")
      .values({
        id: newId(),
        principal_id: input.principalId,
        name: input.name,
        prefix: input.prefix,
        secret_hash: input.secretHash,
        scopes: JSON.stringify([...input.scopes]),
        created_at: this.ctx.now(),
        expires_at: toMsOrNull(input.expiresAt),
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return apiKeyRow(row);
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<{ key: ApiKeyRow; principal: PrincipalRow } | null> {
    const key = await this.ctx.db
      .selectFrom("api_keys")
      .selectAll()
      .where("secret_hash", "=", secretHash)
      .executeTakeFirst();
    if (!key) return null;
    const principal = await this.getPrincipal(key.principal_id);
    return principal ? { key: apiKeyRow(key), principal } : null;
  }

  async listApiKeys(principalId?: string): Promise<ApiKeyRow[]> {
    let query = this.ctx.db.selectFrom("api_keys").selectAll().orderBy("created_at").orderBy("id");
    if (principalId !== undefined) query = query.where("principal_id", "=", principalId);
    return (await query.execute()).map(apiKeyRow);
  }

  async touchApiKey(id: string, usedAt: string): Promise<void> {
    await this.ctx.db
      .updateTable("api_keys")
      .set({ last_used_at: toMs(usedAt) })
      .where("id", "=", id)
      .execute();
  }

  async revokeApiKey(id: string, revokedAt: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable("api_keys")
      .set({ revoked_at: toMs(revokedAt) })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
