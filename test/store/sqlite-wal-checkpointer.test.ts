import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@warden/store";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { chain } from "./audit-fixtures.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("SQLite WAL checkpoints during audit ingest", () => {
  it("copies ingested pages into the database file off the writer, before its own auto-checkpoint would", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "warden-wal-"));
    dirs.push(dataDir);
    const store = await openStore({ dataDir });
    const file = join(dataDir, "warden.db");
    // Everything so far (the schema) in the file, the WAL empty: what follows is the ingest's.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    const before = statSync(file).size;
    const records = chain("wal-chain", 2000);
    for (let i = 0; i < records.length; i += 500) {
      expect((await store.audit.insertAuditEvents("wal-chain", records.slice(i, i + 500))).inserted).toBe(500);
    }
    // ~1,000 WAL pages: far below the writer's auto-checkpoint (10,000), so only the checkpointer copies them.
    const deadline = Date.now() + 5000;
    while (statSync(file).size < before + 500_000 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 25));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    expect(await store.audit.countAuditEvents({ chainId: "wal-chain" })).toBe(2000);
    await store.close();

    // Closed cleanly (the worker's connection too): the file reopens with everything in it.
    const again = await openStore({ dataDir });
    expect(await again.audit.countAuditEvents({ chainId: "wal-chain" })).toBe(2000);
    await again.close();
  });
});
