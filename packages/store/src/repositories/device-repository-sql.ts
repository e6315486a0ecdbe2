import type { DeviceRepository, DeviceRow, EnrollmentRefusal, EnrollmentTokenRow, NewDevice } from "@warden/core";
import type { Selectable } from "kysely";
import { newId, toIso, toIsoOrNull, toMs } from "../codec.ts";
import type { DevicesTable, EnrollmentTokensTable } from "../database-schema.ts";
import { boundDeviceOf } from "./audit-event-codec.ts";
import { compileOnce } from "./compile-once.ts";
import { atomically, type RepositoryContext } from "./repository-context.ts";

function deviceRow(row: Selectable<DevicesTable>): DeviceRow {
  return {
    id: row.id,
    hostname: row.hostname,
    userId: row.user_id,
    credentialHash: row.credential_hash,
    platform: row.platform,
    agentVersion: row.agent_version,
    enrolledAt: toIso(row.enrolled_at),
    lastSeenAt: toIsoOrNull(row.last_seen_at),
    revokedAt: toIsoOrNull(row.revoked_at),
  };
}

function tokenRow(row: Selectable<EnrollmentTokensTable>): EnrollmentTokenRow {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    usedAt: toIsoOrNull(row.used_at),
    usedByDeviceId: row.used_by_device_id,
  };
}

// Every device-signed request looks its device up (by credential, or by id for a session): compiled once.
const deviceByCredentialHash = compileOnce((db) =>
  db.selectFrom("devices").selectAll().where("credential_hash", "=", ""),
);
const deviceById = compileOnce((db) => db.selectFrom("devices").selectAll().where("id", "=", ""));
// A session-authenticated bundle fetch: the device and the bundle inputs generation in one read.
const deviceWithBundleGeneration = compileOnce((db) =>
  db
    .selectFrom(["devices", "bundle_generation"])
    .selectAll("devices")
    .select("bundle_generation.generation")
    .where("devices.id", "=", "")
    .where("bundle_generation.id", "=", 1),
);

/** The `server_secrets` row of the device-session secret. */
const SESSION_SECRET = "device-session";

type Redeemed = { ok: true; device: DeviceRow } | { ok: false; reason: EnrollmentRefusal };

/** Devices, one-time enrollment tokens and audit chain bindings in SQL. */
export class DeviceRepositorySql implements DeviceRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async createEnrollmentToken(input: {
    tokenHash: string;
    expiresAt: string;
    userId?: string | null;
    createdBy?: string | null;
  }): Promise<EnrollmentTokenRow> {
    const row = await this.ctx.db
      .insertInto("enrollment_tokens")
      .values({
        id: newId(),
        token_hash: input.tokenHash,
        user_id: input.userId ?? null,
        created_by: input.createdBy ?? null,
        created_at: this.ctx.now(),
        expires_at: toMs(input.expiresAt),
        used_at: null,
        used_by_device_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return tokenRow(row);
  }

  async listEnrollmentTokens(): Promise<EnrollmentTokenRow[]> {
    const rows = await this.ctx.db.selectFrom("enrollment_tokens").selectAll().orderBy("created_at").execute();
    return rows.map(tokenRow);
  }

  redeemEnrollmentToken(tokenHash: string, device: NewDevice, now: string): Promise<Redeemed> {
    const at = toMs(now);
    const deviceId = newId();
    return atomically(this.ctx, async (db): Promise<Redeemed> => {
      // One conditional UPDATE claims the token: PostgreSQL re-checks the WHERE after a concurrent
      // claim commits and SQLite serialises writers, so exactly one redeem wins.
      const claimed = await db
        .updateTable("enrollment_tokens")
        .set({ used_at: at, used_by_device_id: deviceId })
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", at)
        .returning(["user_id"])
        .executeTakeFirst();
      if (!claimed) {
        const token = await db
          .selectFrom("enrollment_tokens")
          .select(["used_at"])
          .where("token_hash", "=", tokenHash)
          .executeTakeFirst();
        return { ok: false, reason: !token ? "unknown" : token.used_at !== null ? "used" : "expired" };
      }
      const row = await db
        .insertInto("devices")
        .values({
          id: deviceId,
          hostname: device.hostname,
          user_id: claimed.user_id,
          credential_hash: device.credentialHash,
          platform: device.platform,
          agent_version: device.agentVersion,
          enrolled_at: at,
          last_seen_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ok: true, device: deviceRow(row) };
    });
  }

  async getDevice(id: string): Promise<DeviceRow | null> {
    const [row] = await deviceById(this.ctx, [id]);
    return row ? deviceRow(row) : null;
  }

  async getDeviceWithBundleGeneration(id: string): Promise<{ device: DeviceRow; bundleGeneration: number } | null> {
    const [row] = await deviceWithBundleGeneration(this.ctx, [id, 1]);
    if (row === undefined) return null;
    const { generation, ...device } = row;
    return { device: deviceRow(device), bundleGeneration: Number(generation) };
  }

  async findDeviceByCredentialHash(credentialHash: string): Promise<DeviceRow | null> {
    const [row] = await deviceByCredentialHash(this.ctx, [credentialHash]);
    return row ? deviceRow(row) : null;
  }

  async listDevices(filter: { userId?: string } = {}): Promise<DeviceRow[]> {
    let query = this.ctx.db.selectFrom("devices").selectAll().orderBy("hostname").orderBy("id");
    if (filter.userId !== undefined) query = query.where("user_id", "=", filter.userId);
    return (await query.execute()).map(deviceRow);
  }

  async touchDevice(id: string, seenAt: string, agentVersion?: string): Promise<void> {
    await this.ctx.db
      .updateTable("devices")
      .set(
        agentVersion === undefined
          ? { last_seen_at: toMs(seenAt) }
          : { last_seen_at: toMs(seenAt), agent_version: agentVersion },
      )
      .where("id", "=", id)
      .execute();
  }

  async assignDeviceUser(id: string, userId: string | null): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable("devices")
      .set({ user_id: userId })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeDevice(id: string, revokedAt: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable("devices")
      .set({ revoked_at: toMs(revokedAt) })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  getAuditChainDevice(chainId: string): Promise<string | null> {
    return boundDeviceOf(this.ctx.db, chainId);
  }

  async bindAuditChain(chainId: string, deviceId: string, boundAt: string): Promise<string> {
    // Insert-or-nothing, then read: a concurrent bind that committed first keeps the chain.
    await this.ctx.db
      .insertInto("audit_chain_devices")
      .values({ chain_id: chainId, device_id: deviceId, bound_at: toMs(boundAt) })
      .onConflict((oc) => oc.column("chain_id").doNothing())
      .execute();
    const owner = await this.getAuditChainDevice(chainId);
    if (owner === null) throw new Error(`audit chain ${chainId} is not bound after binding it`);
    return owner;
  }

  async ensureSessionSecret(candidate: string, now: string): Promise<string> {
    // Insert-or-nothing, then read: the first secret stored stays, whichever process stored it.
    await this.ctx.db
      .insertInto("server_secrets")
      .values({ name: SESSION_SECRET, value: candidate, created_at: toMs(now) })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const row = await this.ctx.db
      .selectFrom("server_secrets")
      .select("value")
      .where("name", "=", SESSION_SECRET)
      .executeTakeFirst();
    if (row === undefined) throw new Error("the device-session secret is not stored after storing it");
    return row.value;
  }

  async claimRequestNonce(deviceId: string, nonce: string, now: string, expiresAt: string): Promise<boolean> {
    // One statement on both dialects: the insert claims a new nonce; on conflict only an expired
    // claim is taken over (the WHERE), so a live one returns no row. The primary key makes two
    // concurrent claims of one nonce, from any processes, end with exactly one winner.
    const claimed = await this.ctx.db
      .insertInto("device_request_nonces")
      .values({ device_id: deviceId, nonce, expires_at: toMs(expiresAt) })
      .onConflict((oc) =>
        oc
          .columns(["device_id", "nonce"])
          .doUpdateSet((eb) => ({ expires_at: eb.ref("excluded.expires_at") }))
          .where("device_request_nonces.expires_at", "<=", toMs(now)),
      )
      .returning("nonce")
      .executeTakeFirst();
    return claimed !== undefined;
  }

  async deleteExpiredRequestNonces(now: string): Promise<number> {
    const result = await this.ctx.db
      .deleteFrom("device_request_nonces")
      .where("expires_at", "<=", toMs(now))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
