import { existsSync } from "node:fs";
import { join } from "node:path";
import { appliedMigrations, dialectHelper, MIGRATIONS, runMigrations, tableExists } from "@warden/store";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./conformance-context.ts";

/** Versioned migrations: recorded, idempotent, and an old database upgrades in place. */
export function migrationConformance(ctx: ConformanceContext): void {
  describe("opening", () => {
    it.runIf(ctx.dialect === "sqlite")(
      "opens <dataDir>/warden.db in WAL mode with foreign keys and a busy timeout",
      async () => {
        const location = await ctx.databases.create();
        const store = await ctx.databases.open(location);
        expect(existsSync(join(location.dataDir, "warden.db"))).toBe(true);
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
        expect(await pragma("journal_mode")).toBe("wal");
        expect(await pragma("foreign_keys")).toBe(1);
        expect(await pragma("busy_timeout")).toBe(5000);
      },
    );

    it.runIf(ctx.dialect === "postgres")(
      "opens PostgreSQL when given a database URL, creating no SQLite file",
      async () => {
        const location = await ctx.databases.create();
        const store = await ctx.databases.open(location);
        expect(store.dialect).toBe("postgres");
        expect(existsSync(join(location.dataDir, "warden.db"))).toBe(false);
      },
    );
  });

  describe("migrations", () => {
    const latest = MIGRATIONS.map((m) => m.version);

    it("records every migration and applies nothing when opened again", async () => {
      const location = await ctx.databases.create();
      const store = await ctx.databases.open(location);
      expect(await appliedMigrations(store.db)).toEqual(latest);
      expect(await runMigrations(store.db, dialectHelper(ctx.dialect))).toEqual([]);
      await store.close();
      const again = await ctx.databases.open(location);
      expect(await appliedMigrations(again.db)).toEqual(latest);
      expect(again.dialect).toBe(ctx.dialect);
    });

    it("upgrades a database left at migration 1, keeping its data", async () => {
      const location = await ctx.databases.create();
      const old = await ctx.databases.open(location, { migrateTo: 1 });
      expect(await appliedMigrations(old.db)).toEqual([1]);
      expect(await tableExists(old.db, "devices")).toBe(false);
      const created = await old.policies.createPolicy({
        name: "kept",
        content: { requirementsToml: "x = 1\n", managedConfigToml: null, hookPolicyToml: null },
        author: { kind: "system", id: null },
      });
      expect("policy" in created).toBe(true);
      await old.close();

      const upgraded = await ctx.databases.open(location);
      expect(await appliedMigrations(upgraded.db)).toEqual(latest);
      expect(await tableExists(upgraded.db, "audit_events")).toBe(true);
      const kept = await upgraded.policies.getPolicyByName("kept");
      expect((await upgraded.policies.getRevision(kept!.id, 1))?.requirementsToml).toBe("x = 1\n");
      await upgraded.devices.createEnrollmentToken({ tokenHash: "t", expiresAt: "2030-01-01T00:00:00.000Z" });
      expect(await upgraded.devices.listEnrollmentTokens()).toHaveLength(1);
    });

    it("upgrades signing keys from before rotation (migration 5): the newest active key keeps signing", async () => {
      const location = await ctx.databases.create();
      const old = await ctx.databases.open(location, { migrateTo: 4 });
      expect(await tableExists(old.db, "audit_chain_devices")).toBe(false);
      // Rows as a server before migration 5 wrote them (no signing_since column yet).
      const insert = (id: string, at: number, retired: number | null) =>
        sql`insert into signing_keys (id, public_key_pem, private_key_pem, created_at, retired_at)
            values (${id}, 'PUB', 'PRIV', ${at}, ${retired})`.execute(old.db);
      await insert("k-old", 1_000, null);
      await insert("k-new", 2_000, null);
      await insert("k-retired", 3_000, 4_000);
      await old.close();

      const upgraded = await ctx.databases.open(location);
      expect(await appliedMigrations(upgraded.db)).toEqual(latest);
      expect((await upgraded.signingKeys.listActiveSigningKeys()).map((k) => k.id)).toEqual(["k-new", "k-old"]);
      expect(await upgraded.signingKeys.getSigningKey("k-retired")).toMatchObject({ signingSince: null });
      // A key added after the upgrade is trusted, not the signer, until it is promoted.
      await upgraded.signingKeys.addSigningKey({ id: "k-added", publicKeyPem: "PUB", privateKeyPem: "PRIV" });
      expect((await upgraded.signingKeys.listActiveSigningKeys()).map((k) => k.id)).toEqual([
        "k-new",
        "k-added",
        "k-old",
      ]);
    });

    it("upgrades signing keys to purgeable private keys (migration 8), keeping rows and generation triggers", async () => {
      const location = await ctx.databases.create();
      const old = await ctx.databases.open(location, { migrateTo: 7 });
      await old.signingKeys.addSigningKey({
        id: "k-active",
        publicKeyPem: "PUB1",
        privateKeyPem: "PRIV1",
        signing: true,
      });
      await old.signingKeys.addSigningKey({ id: "k-retired", publicKeyPem: "PUB2", privateKeyPem: "PRIV2" });
      await old.signingKeys.retireSigningKey("k-retired", "2026-01-01T00:00:00.000Z");
      await old.close();

      const upgraded = await ctx.databases.open(location);
      expect(await appliedMigrations(upgraded.db)).toEqual(latest);
      expect(await upgraded.signingKeys.getSigningKey("k-active")).toMatchObject({
        publicKeyPem: "PUB1",
        privateKeyPem: "PRIV1",
        retiredAt: null,
      });
      expect((await upgraded.signingKeys.listActiveSigningKeys()).map((k) => k.id)).toEqual(["k-active"]);
      const generation = await upgraded.bundles.getInputsGeneration();
      expect(await upgraded.signingKeys.purgeRetiredPrivateKeys("2026-02-01T00:00:00.000Z")).toEqual(["k-retired"]);
      expect(await upgraded.signingKeys.getSigningKey("k-retired")).toMatchObject({
        publicKeyPem: "PUB2",
        privateKeyPem: null,
      });
      // The rebuilt SQLite table kept migration 6's triggers: a change to its rows still moves the generation.
      expect(await upgraded.bundles.getInputsGeneration()).not.toBe(generation);
      await expect(
        sql`insert into signing_keys (id, public_key_pem, private_key_pem, created_at) values ('k-dup', 'P', 'Q', 1)`.execute(
          upgraded.db,
        ),
      ).resolves.toBeDefined();
      await expect(
        sql`insert into signing_keys (id, public_key_pem, private_key_pem, created_at) values ('k-dup', 'P', 'Q', 1)`.execute(
          upgraded.db,
        ),
      ).rejects.toThrow();
    });
  });
}
