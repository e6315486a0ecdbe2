import { sql } from "kysely";
import type { Migration } from "./migration.ts";

/**
 * The tables a device's bundle is built from (besides the device row itself, which the server
 * reads on every request): its policy and revisions, users, groups, memberships, group rules,
 * settings (the default policy) and the signing keys.
 */
export const BUNDLE_INPUT_TABLES = [
  "policies",
  "policy_revisions",
  "users",
  "groups",
  "group_members",
  "group_rules",
  "settings",
  "signing_keys",
] as const;

/**
 * `bundle_generation`: one counter that every change to a {@link BUNDLE_INPUT_TABLES} row bumps,
 * inside the changing transaction, by trigger. Servers cache what a bundle's ETag is computed from
 * and check this number on each fetch, so a change made by any writer (another server process, a
 * SQL console, a later migration) invalidates every cache as soon as it commits.
 */
export const migration006: Migration = {
  version: 6,
  name: "bundle-generation",
  async up(db, d) {
    await db.schema
      .createTable("bundle_generation")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("generation", d.int64, (c) => c.notNull())
      .execute();
    await sql`insert into bundle_generation (id, generation) values (1, 0)`.execute(db);
    const bump = sql.raw("update bundle_generation set generation = generation + 1 where id = 1");
    if (d.name === "sqlite") {
      for (const table of BUNDLE_INPUT_TABLES) {
        for (const event of ["insert", "update", "delete"]) {
          const name = sql.raw(`${table}_${event}_bumps_bundle_generation`);
          await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
            begin ${bump}; end`.execute(db);
        }
      }
      return;
    }
    // Deferred to commit time: the counter row is locked only while committing, so two admin
    // transactions that touch these tables in different orders cannot deadlock on it. (Row
    // triggers: a TRUNCATE of these tables, which Warden never runs, would not bump it.)
    await sql`create function warden_bump_bundle_generation() returns trigger language plpgsql as $$
      begin ${bump}; return null; end $$`.execute(db);
    for (const table of BUNDLE_INPUT_TABLES) {
      const name = sql.raw(`${table}_bumps_bundle_generation`);
      await sql`create constraint trigger ${name} after insert or update or delete on ${sql.table(table)}
        deferrable initially deferred for each row execute function warden_bump_bundle_generation()`.execute(db);
    }
  },
};
