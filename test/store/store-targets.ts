import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenStoreOptions, openStore, type Store } from "@warden/store";
import pg from "pg";

/** The dialects the one conformance suite runs against. */
export type TestDialect = "sqlite" | "postgres";

/** The maintenance database the suite creates its throwaway databases from. */
export const POSTGRES_ADMIN_URL = process.env.WARDEN_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** True when the PostgreSQL half is explicitly skipped (never in CI). */
export const SKIP_POSTGRES = process.env.WARDEN_SKIP_POSTGRES === "1";

/** A clock that moves 1 ms on every reading, so rows created in one test have distinct, ordered times. */
export function steppingClock(startIso = "2026-01-01T00:00:00.000Z"): () => number {
  let now = Date.parse(startIso);
  return () => ++now;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (${(error as Error).message}). ` +
        "The storage conformance suite must run against PostgreSQL: start it with scripts/ensure-postgres.sh, " +
        "or set WARDEN_SKIP_POSTGRES=1 to skip the PostgreSQL half locally.",
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates empty databases of one dialect (a temp data dir, or `warden_test_<random>`) and removes them all. */
export class TestDatabases {
  private readonly created: string[] = [];
  private readonly stores: Store[] = [];

  constructor(readonly dialect: TestDialect) {}

  /** Where a new, empty database lives. */
  async create(): Promise<OpenStoreOptions> {
    const dataDir = mkdtempSync(join(tmpdir(), "warden-store-"));
    this.created.push(dataDir);
    if (this.dialect === "sqlite") return { dataDir };
    const name = `warden_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    this.created.push(`pg:${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return { dataDir, databaseUrl: url.toString() };
  }

  /** Opens a store (closed by `dropAll`). */
  async open(location: OpenStoreOptions, options: Partial<OpenStoreOptions> = {}): Promise<Store> {
    const store = await openStore({ ...location, ...options });
    this.stores.push(store);
    return store;
  }

  /** Closes every store opened here and drops every database created here. */
  async dropAll(): Promise<void> {
    await Promise.allSettled(this.stores.splice(0).map((store) => store.close()));
    for (const entry of this.created.splice(0)) {
      if (entry.startsWith("pg:")) await adminQuery(`DROP DATABASE IF EXISTS ${entry.slice(3)} WITH (FORCE)`);
      else rmSync(entry, { recursive: true, force: true });
    }
  }
}
