// The storage backends the control-plane end-to-end tests run `bin/warden serve` on: the embedded
// SQLite and a fresh PostgreSQL database per run (test/store/postgres-admin.ts), dropped after.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase, SKIP_POSTGRES } from "../store/postgres-admin.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** A storage backend of `warden serve`. */
export type ServeBackend = "sqlite" | "postgres";

/**
 * The backends to run, each with why it is skipped (null: it runs). PostgreSQL is skipped only
 * with WARDEN_SKIP_POSTGRES=1 outside CI; in CI (`CI` set) it always runs, so an unreachable
 * server fails the test instead of hiding it (.ci/run starts it with scripts/ensure-postgres.sh).
 */
export const SERVE_BACKENDS: readonly { backend: ServeBackend; skip: string | null }[] = [
  { backend: "sqlite", skip: null },
  { backend: "postgres", skip: SKIP_POSTGRES ? "PostgreSQL half skipped (WARDEN_SKIP_POSTGRES=1)" : null },
];

/** Where one test's server keeps its data: a data dir, plus a throwaway PostgreSQL database for `postgres`. */
export interface ServeDatabase {
  readonly backend: ServeBackend;
  readonly dataDir: string;
  /** The environment `warden serve` runs with (WARDEN_DATABASE_URL set or removed). */
  readonly env: NodeJS.ProcessEnv;
  /** Drops the PostgreSQL database (the data dir is the caller's temp tree). */
  drop(): Promise<void>;
}

/** Creates an empty database for `backend`; PostgreSQL failing to answer is an error, never a skip. */
export async function createServeDatabase(backend: ServeBackend, dataDir: string): Promise<ServeDatabase> {
  const { WARDEN_DATABASE_URL: _, ...inherited } = process.env;
  if (backend === "sqlite") return { backend, dataDir, env: inherited, drop: async () => {} };
  const { name, url } = await createPostgresDatabase();
  return { backend, dataDir, env: { ...inherited, WARDEN_DATABASE_URL: url }, drop: () => dropPostgresDatabase(name) };
}

/** A running `bin/warden serve`. */
export interface ServeProcess {
  readonly child: ReturnType<typeof spawn>;
  /** Resolves with the URL and everything printed up to the "API reference" line. */
  readonly ready: Promise<{ url: string; printed: string }>;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `bin/warden serve` on `database` (port 0 picks one; `bootstrapToken` "" makes it generate the owner's key). */
export function startServe(
  database: ServeDatabase,
  options: { port?: number; bootstrapToken?: string; cwd?: string } = {},
): ServeProcess {
  const child = spawn(
    join(ROOT, "bin/warden"),
    ["serve", "--data-dir", database.dataDir, "--port", String(options.port ?? 0)],
    { cwd: options.cwd ?? ROOT, env: { ...database.env, WARDEN_BOOTSTRAP_TOKEN: options.bootstrapToken ?? "" } },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const ready = new Promise<{ url: string; printed: string }>((done, fail) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /serving (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes("API reference:")) done({ url: match[1]!, printed: stdout });
    });
    child.on("exit", (code) => fail(new Error(`warden serve (${database.backend}) exited ${code}: ${stderr}`)));
  });
  return {
    child,
    ready,
    exited,
    stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
