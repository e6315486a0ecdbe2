import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { type AppLogger, bootstrapOwner, createApp, ensureSigningKeys, purgeRetiredPrivateKeys } from "@warden/server";
import { openStore } from "@warden/store";
import { rustTomlSyntaxError } from "../adapters/rust-toml-errors.ts";
import { ExitCode } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden serve`. */
export interface ServeOptions {
  dataDir: string;
  port: string;
  host: string;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliFailure(ExitCode.usage, `--port ${raw}: expected a port number from 0 to 65535`);
  }
  return port;
}

function stderrLogger(context: CommandContext): AppLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    context.io.stderr(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
  return { error: write("error"), info: write("info") };
}

/** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
function untilStopSignal(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Opens the store, bootstraps the owner and serves until SIGINT/SIGTERM. */
export async function runServe(options: ServeOptions, context: CommandContext, setExit: (code: number) => void) {
  const { io } = context;
  const port = parsePort(options.port);
  const dataDir = resolve(io.cwd, options.dataDir);
  const databaseUrl = io.env.WARDEN_DATABASE_URL?.trim() || undefined;
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  } catch (error) {
    throw new CliFailure(ExitCode.environment, `cannot open the database: ${(error as Error).message}`);
  }
  const bootstrap = await bootstrapOwner(store.credentials, { token: io.env.WARDEN_BOOTSTRAP_TOKEN });
  // The bundle signing key exists from the first start, so enrolling devices can pin it.
  await ensureSigningKeys(store.signingKeys);
  // Keys retired past their endorsement window keep no private key (also checked on key listing and rotation).
  await purgeRetiredPrivateKeys(store, new Date());
  const app = createApp({ store, clock: () => new Date(), logger: stderrLogger(context), rustTomlSyntaxError });
  const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const started = serve({ fetch: app.fetch, port, hostname: options.host }, () => ready(started));
    started.once("error", fail);
  }).catch(async (error: Error) => {
    await store.close();
    throw new CliFailure(ExitCode.environment, `cannot listen on ${options.host}:${port}: ${error.message}`);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const where = databaseUrl ? "postgres (WARDEN_DATABASE_URL)" : `sqlite at ${dataDir}`;
  io.stdout(`warden: serving ${url} (storage: ${where})\n`);
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
  const signal = await untilStopSignal();
  io.stdout(`warden: ${signal}: shutting down\n`);
  const closing = new Promise<void>((closed) => server.close(() => closed()));
  // Idle keep-alive connections would hold close() open until they time out.
  if ("closeAllConnections" in server) server.closeAllConnections();
  await closing;
  await store.close();
  setExit(ExitCode.ok);
}
