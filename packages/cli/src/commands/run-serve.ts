import cluster, { type Worker } from "node:cluster";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { type AppLogger, bootstrapOwner, createApp, ensureSigningKeys, purgeRetiredPrivateKeys } from "@warden/server";
import { openStore, type Store } from "@warden/store";
import { rustTomlSyntaxError } from "../adapters/rust-toml-errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden serve`. */
export interface ServeOptions {
  dataDir: string;
  port: string;
  host: string;
  workers: string;
}

/** The most server processes `--workers` starts. */
export const MAX_WORKERS = 64;

/** A worker that dies is started again, unless this many died within {@link CRASH_WINDOW_MS}. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliFailure(ExitCode.usage, `--port ${raw}: expected a port number from 0 to 65535`);
  }
  return port;
}

function parseWorkers(raw: string): number {
  const workers = Number(raw);
  if (!/^\d+$/.test(raw) || workers < 1 || workers > MAX_WORKERS) {
    throw new CliFailure(ExitCode.usage, `--workers ${raw}: expected a number of processes from 1 to ${MAX_WORKERS}`);
  }
  return workers;
}

function stderrLogger(context: CommandContext): AppLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    context.io.stderr(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
  return { error: write("error"), info: write("info") };
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM), or, in a worker, when its primary is gone. */
function untilStopSignal(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      cluster.worker?.off("disconnect", orphaned);
      done(signal);
    };
    const orphaned = () => stop("disconnect");
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    cluster.worker?.on("disconnect", orphaned);
  });
}

interface Storage {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

function storageOf(options: ServeOptions, context: CommandContext): Storage {
  return {
    dataDir: resolve(context.io.cwd, options.dataDir),
    databaseUrl: context.io.env.WARDEN_DATABASE_URL?.trim() || undefined,
  };
}

/** Opens (and migrates) the store, or fails with the database's reason. */
async function open(storage: Storage): Promise<Store> {
  try {
    return await openStore({
      dataDir: storage.dataDir,
      ...(storage.databaseUrl ? { databaseUrl: storage.databaseUrl } : {}),
    });
  } catch (error) {
    throw new CliFailure(ExitCode.environment, `cannot open the database: ${(error as Error).message}`);
  }
}

/** What a first start sets up once, before any request: the owner, the signing key, key purges. */
async function prepare(store: Store, context: CommandContext) {
  const bootstrap = await bootstrapOwner(store.credentials, { token: context.io.env.WARDEN_BOOTSTRAP_TOKEN });
  // The bundle signing key exists from the first start, so enrolling devices can pin it.
  await ensureSigningKeys(store.signingKeys);
  // Keys retired past their endorsement window keep no private key (also checked on key listing and rotation).
  await purgeRetiredPrivateKeys(store, new Date());
  return bootstrap;
}

type Listening = ReturnType<typeof serve>;

/** Where to listen: `--host`, and `--port` checked. */
interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** Serves the app over `store` on host:port (in a cluster worker, the primary's shared socket). */
async function listen(store: Store, { host, port }: ListenAddress, context: CommandContext): Promise<Listening> {
  const app = createApp({ store, clock: () => new Date(), logger: stderrLogger(context), rustTomlSyntaxError });
  return await new Promise<Listening>((ready, fail) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () => ready(started));
    started.once("error", fail);
  }).catch(async (error: Error) => {
    await store.close();
    throw new CliFailure(ExitCode.environment, `cannot listen on ${host}:${port}: ${error.message}`);
  });
}

/** Stops accepting, closes the connections (idle keep-alive ones would hold close() open), then the store. */
async function shutDown(server: Listening, store: Store): Promise<void> {
  const closing = new Promise<void>((closed) => server.close(() => closed()));
  if ("closeAllConnections" in server) server.closeAllConnections();
  await closing;
  await store.close();
}

function urlOf(address: AddressInfo | { address: string | null; port: number }): string {
  const ip = address.address ?? "127.0.0.1";
  return `http://${ip.includes(":") ? `[${ip}]` : ip}:${address.port}`;
}

function printBanner(
  context: CommandContext,
  url: string,
  storage: Storage,
  bootstrap: Awaited<ReturnType<typeof prepare>>,
  workers: number,
) {
  const { io } = context;
  const where = storage.databaseUrl ? "postgres (WARDEN_DATABASE_URL)" : `sqlite at ${storage.dataDir}`;
  const processes = workers > 1 ? `, ${workers} worker processes` : "";
  io.stdout(`warden: serving ${url} (storage: ${where}${processes})\n`);
  if (bootstrap.kind === "created" && bootstrap.generated) {
    io.stdout(`First start: created the owner. Its API key, shown only this once (only a hash is stored):\n`);
    io.stdout(`  ${bootstrap.token}\n`);
    io.stdout(`Log in: curl -H "Authorization: Bearer ${bootstrap.token}" ${url}/v1/policies\n`);
  } else if (bootstrap.kind === "created") {
    io.stdout(`First start: created the owner with the key in WARDEN_BOOTSTRAP_TOKEN.\n`);
    io.stdout(`Log in: curl -H "Authorization: Bearer $WARDEN_BOOTSTRAP_TOKEN" ${url}/v1/policies\n`);
  } else {
    io.stdout(`Log in with an API key: curl -H "Authorization: Bearer wk_…" ${url}/v1/policies\n`);
  }
  io.stdout(`API reference: ${url}/openapi.json\n`);
}

/**
 * `warden serve`: opens the store, bootstraps the owner and serves until SIGINT/SIGTERM. With
 * `--workers N` (N > 1) this process is a supervisor: it prepares the store, then runs N server
 * processes (node:cluster) that share the listening socket, and starts again any that dies.
 */
export async function runServe(options: ServeOptions, context: CommandContext, setExit: (code: number) => void) {
  const workers = parseWorkers(options.workers);
  const address: ListenAddress = { host: options.host, port: parsePort(options.port) };
  const storage = storageOf(options, context);
  if (cluster.isWorker) return await runWorker(address, storage, context, setExit);
  const store = await open(storage);
  const bootstrap = await prepare(store, context);
  if (workers > 1) {
    await store.close();
    return await runPrimary(workers, storage, bootstrap, context, setExit);
  }
  const server = await listen(store, address, context);
  printBanner(context, urlOf(server.address() as AddressInfo), storage, bootstrap, 1);
  const signal = await untilStopSignal();
  context.io.stdout(`warden: ${signal}: shutting down\n`);
  await shutDown(server, store);
  setExit(ExitCode.ok);
}

/** One server process of `--workers N`: serves until told to stop or its primary is gone. */
async function runWorker(
  address: ListenAddress,
  storage: Storage,
  context: CommandContext,
  setExit: (code: number) => void,
) {
  try {
    const store = await open(storage);
    const server = await listen(store, address, context);
    await untilStopSignal();
    // Ctrl-C reaches the primary and every worker; the primary's SIGTERM that follows must not cut the shutdown short.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGTERM", ignore);
    await shutDown(server, store);
    setExit(ExitCode.ok);
  } finally {
    // The channel to the primary would keep this process alive, also after a failure to start.
    if (cluster.worker?.isConnected()) cluster.worker.disconnect();
  }
}

/** Starts `count` workers, prints the banner once all listen, restarts crashed ones, stops them all on a signal. */
async function runPrimary(
  count: number,
  storage: Storage,
  bootstrap: Awaited<ReturnType<typeof prepare>>,
  context: CommandContext,
  setExit: (code: number) => void,
) {
  const { io } = context;
  let stopping = false;
  const crashes: number[] = [];
  const live = new Set<Worker>();
  let failStart: (error: CliFailure) => void = () => {};
  let failRunning: (reason: string) => void = () => {};
  const startFailed = new Promise<never>((_, fail) => {
    failStart = fail;
  });
  const crashLoop = new Promise<string>((done) => {
    failRunning = done;
  });
  let listening = 0;
  let started = false;
  let url = "";
  const allListening = new Promise<void>((ready) => {
    cluster.on("listening", (_worker, address) => {
      url ||= urlOf(address);
      if (++listening === count) ready();
    });
  });
  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.on("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      const how = signal ?? `exit ${code}`;
      if (!started) {
        failStart(new CliFailure(ExitCode.environment, `a server process stopped while starting (${how})`));
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_CRASHES) {
        failRunning(`${crashes.length} server processes stopped within ${CRASH_WINDOW_MS / 1000} s`);
        return;
      }
      io.stderr(
        `${JSON.stringify({ at: new Date().toISOString(), level: "error", message: `server process ${worker.process.pid} stopped (${how}); starting another` })}\n`,
      );
      fork();
    });
  };
  const stopAll = async () => {
    stopping = true;
    const exited = [...live].map((worker) => new Promise<void>((done) => worker.once("exit", () => done())));
    for (const worker of live) worker.process.kill("SIGTERM");
    await Promise.all(exited);
  };
  for (let i = 0; i < count; i++) fork();
  try {
    await Promise.race([allListening, startFailed]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  started = true;
  printBanner(context, url, storage, bootstrap, count);
  const outcome = await Promise.race([
    untilStopSignal().then((signal) => ({ signal })),
    crashLoop.then((reason) => ({ reason })),
  ]);
  if ("reason" in outcome) {
    io.stderr(`warden: ${outcome.reason}; stopping\n`);
    await stopAll();
    setExit(ExitCode.environment);
    return;
  }
  io.stdout(`warden: ${outcome.signal}: shutting down\n`);
  await stopAll();
  setExit(ExitCode.ok);
}
