// Throwaway PostgreSQL databases for the tests that need a real server: the storage conformance
// suite (store-targets.ts) and the control-plane end-to-end tests. Only `pg`: no @warden/store, so
// spawn tests can use it without loading better-sqlite3 into the test process.
import pg from "pg";

/** The maintenance database the tests create their throwaway databases from. */
export const POSTGRES_ADMIN_URL = process.env.WARDEN_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * True when the PostgreSQL half is explicitly skipped (WARDEN_SKIP_POSTGRES=1), never in CI (`CI`
 * set): there an unreachable PostgreSQL fails the run (.ci/run starts it with ensure-postgres.sh).
 */
export const SKIP_POSTGRES = process.env.WARDEN_SKIP_POSTGRES === "1" && !process.env.CI;

async function connectAdmin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). ` +
        "These tests must run against PostgreSQL: start it with scripts/ensure-postgres.sh, " +
        "or set WARDEN_SKIP_POSTGRES=1 to skip the PostgreSQL half locally.",
    );
  }
  return client;
}

/** Runs one statement on the maintenance database; throws a clear error when PostgreSQL is unreachable. */
export async function adminQuery(text: string): Promise<void> {
  const client = await connectAdmin();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `warden_test_<random>`; returns its name and URL. */
export async function createPostgresDatabase(): Promise<{ name: string; url: string }> {
  const name = `warden_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops a database made by {@link createPostgresDatabase}, closing its connections first. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  if (!/^warden_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
