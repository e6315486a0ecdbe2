import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenStoreOptions, openStore, type Store } from "@warden/store";
import { createPostgresDatabase, dropPostgresDatabase, SKIP_POSTGRES } from "./postgres-admin.ts";

export { POSTGRES_ADMIN_URL, SKIP_POSTGRES } from "./postgres-admin.ts";

/** The dialects the one conformance suite runs against. */
export type TestDialect = "sqlite" | "postgres";

/** Both databases, for `describe.each`: PostgreSQL skipped only where SKIP_POSTGRES says (never in CI). */
export const TEST_DIALECTS: readonly { readonly dialect: TestDialect; readonly skip: boolean }[] = [
  { dialect: "sqlite", skip: false },
  { dialect: "postgres", skip: SKIP_POSTGRES },
];

/** A clock that moves 1 ms on every reading, so rows created in one test have distinct, ordered times. */
export function steppingClock(startIso = "2026-01-01T00:00:00.000Z"): () => number {
  let now = Date.parse(startIso);
  return () => ++now;
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
    const { name, url } = await createPostgresDatabase();
    this.created.push(`pg:${name}`);
    return { dataDir, databaseUrl: url };
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
      if (entry.startsWith("pg:")) await dropPostgresDatabase(entry.slice(3));
      else rmSync(entry, { recursive: true, force: true });
    }
  }
}
