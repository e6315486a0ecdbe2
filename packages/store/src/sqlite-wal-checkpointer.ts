import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** How often the checkpointer copies what the WAL has gained into the database file. */
export const CHECKPOINT_INTERVAL_MS = 100;

// The worker: its own connection to the database and a PASSIVE checkpoint every interval, which
// never waits for the writer or for readers. Busy (the writer's own checkpoint is running) or
// failing, it tries again next time: the writer's auto-checkpoint still bounds the WAL.
// Only db.exec, never a prepared statement: better-sqlite3 12 aborts the process on Node 24 when
// a worker that holds a Statement object exits (its destructor runs after the worker's
// environment is gone).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.exec("PRAGMA synchronous = NORMAL");
const timer = setInterval(() => {
  try {
    db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch {}
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * better-sqlite3's entry point, for the worker to load the same driver: resolved from this module,
 * else from the working directory (this module bundled away from its node_modules, as the
 * benchmark does); null when neither finds it.
 */
function driverPath(): string | null {
  for (const base of [import.meta.url, join(process.cwd(), "noop.js")]) {
    try {
      return createRequire(base).resolve("better-sqlite3");
    } catch {
      // try the next base
    }
  }
  return null;
}

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread, so that the writer's commits rarely
 * pay for it. A checkpoint copies the WAL's pages into the database file and, under
 * `synchronous = NORMAL`, fsyncs the WAL before and the database after: at ~50k audit events/s
 * that is tens of MB a second, and done by the writer's auto-checkpoint (every 10,000 pages) it
 * stalled the event loop for the whole copy and both fsyncs (~15–20% of the ingest time). The
 * writer keeps its auto-checkpoint as the bound on the WAL; with this running it finds the pages
 * already copied and synced. Durability is unchanged: the same checkpoint, run elsewhere.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private stopped = false;

  constructor(private readonly file: string) {}

  /** Starts the worker, once (a no-op once stopped, or when the driver cannot be located). */
  start(): void {
    if (this.worker !== null || this.stopped) return;
    const driver = driverPath();
    if (driver === null) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: this.file, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    // Never what keeps the process alive; a worker that dies leaves the writer's auto-checkpoint.
    worker.unref();
    worker.on("error", () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
  }

  /** Whether the worker is running (tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Stops the worker for good and waits until it has closed its connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    const exited = new Promise<void>((done) => worker.once("exit", () => done()));
    // Referenced again while it stops: else, with nothing else pending, the process would exit
    // before the worker does, and whatever awaits this with it.
    worker.ref();
    worker.postMessage("stop");
    await exited;
  }
}
