import { resolve } from "node:path";
import {
  type AuditSender,
  deviceAuditSender,
  HOOK_DEFAULTS,
  httpAuditSender,
  readDeviceState,
  ShipError,
  type ShipResult,
  SyncError,
  shipSpool,
} from "@warden/agent";
import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The agent's state directory (device key, ship cursor) when neither --state-dir nor WARDEN_STATE_DIR is given. */
export const DEFAULT_STATE_DIR = "/var/lib/warden";

/** Flags shared by `warden ship` and `warden agent`. */
export interface ShipFlags {
  stateDir?: string;
  spoolDir?: string;
  server?: string;
  token?: string;
  json?: boolean;
  retries?: string;
}

function checkedUrl(server: string): string {
  try {
    new URL(server);
  } catch {
    throw new CliFailure(ExitCode.usage, `--server ${server}: not a URL`);
  }
  return server;
}

/** The server URL and API key from the flags or WARDEN_SERVER_URL / WARDEN_TOKEN; exit 2 when missing. */
export function serverAndToken(flags: ShipFlags, context: CommandContext): { server: string; token: string } {
  const server = flags.server ?? context.io.env.WARDEN_SERVER_URL;
  const token = flags.token ?? context.io.env.WARDEN_TOKEN;
  if (!server) throw new CliFailure(ExitCode.usage, "name the server: --server URL (or WARDEN_SERVER_URL)");
  if (!token) throw new CliFailure(ExitCode.usage, "give an API key: --token T (or WARDEN_TOKEN)");
  return { server: checkedUrl(server), token };
}

/** How `warden ship` authenticates: as the enrolled device (its key in the state dir), or with an API key. */
export type ShipAuth =
  | { readonly kind: "device"; readonly deviceId: string; readonly send: AuditSender }
  | { readonly kind: "api-key"; readonly send: AuditSender };

/**
 * The server and credentials to ship with: an API key when `--token` (or WARDEN_TOKEN) is given,
 * else the enrolled device's key from the state dir (`warden enroll`). The server is `--server`,
 * else WARDEN_SERVER_URL, else (for a device) the server it enrolled with. Exit 2 when neither works.
 */
export function resolveShipAuth(flags: ShipFlags, stateDir: string, context: CommandContext): ShipAuth {
  const { env } = context.io;
  const token = flags.token ?? env.WARDEN_TOKEN;
  const server = flags.server ?? (env.WARDEN_SERVER_URL || undefined);
  if (token) {
    const checked = serverAndToken(flags, context);
    return { kind: "api-key", send: httpAuditSender(checked.server, checked.token) };
  }
  let device: ReturnType<typeof readDeviceState>;
  try {
    device = readDeviceState(stateDir);
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    throw new CliFailure(ExitCode.usage, `${error.message}; or ship with an API key: --token T (or WARDEN_TOKEN)`);
  }
  const url = checkedUrl(server ?? device.identity.serverUrl);
  const key = { privateKeyPem: device.privateKeyPem, publicKeyPem: device.identity.publicKeyPem };
  return { kind: "device", deviceId: device.identity.deviceId, send: deviceAuditSender(url, key) };
}

function authOf(auth: ShipAuth) {
  return auth.kind === "device" ? { kind: auth.kind, deviceId: auth.deviceId } : { kind: auth.kind };
}

function renderResult(result: ShipResult, auth: ShipAuth, context: CommandContext, json: boolean | undefined): void {
  const { io } = context;
  if (json) {
    io.stdout(`${JSON.stringify({ ...result, auth: authOf(auth) }, null, 2)}\n`);
    return;
  }
  io.stdout(
    `Shipped ${result.accepted} new event(s) in ${result.batches} batch(es)` +
      (result.duplicates > 0 ? ` (${result.duplicates} already stored)` : "") +
      (result.cursor ? `; acknowledged up to seq ${result.cursor.seq}.\n` : ".\n"),
  );
  if (result.deletedFiles.length > 0)
    io.stdout(`Removed acknowledged spool files: ${result.deletedFiles.join(", ")}\n`);
  for (const r of result.rejected) io.stderr(`warning: seq ${r.seq} refused by the server (${r.reason})\n`);
  for (const f of result.findings) io.stderr(`finding: ${f.kind} at seq ${f.seq}: ${f.detail}\n`);
  if (result.malformedLines > 0) io.stderr(`warning: ${result.malformedLines} spool line(s) are not records\n`);
}

/**
 * Ships the spool once and prints what happened. Exit 0 when everything is acknowledged, 1 when
 * the server refused forged records, 3 when the server is down or refused a batch (nothing lost).
 */
export async function runShip(flags: ShipFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { io } = context;
  const spoolDir = resolve(io.cwd, flags.spoolDir ?? (io.env.WARDEN_SPOOL_DIR || HOOK_DEFAULTS.spoolDir));
  const stateDir = resolve(io.cwd, flags.stateDir ?? (io.env.WARDEN_STATE_DIR || DEFAULT_STATE_DIR));
  const auth = resolveShipAuth(flags, stateDir, context);
  const retries = flags.retries === undefined ? undefined : Number(flags.retries);
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
    throw new CliFailure(ExitCode.usage, `--retries ${flags.retries}: expected a whole number`);
  }
  try {
    const result = await shipSpool({
      spoolDir,
      stateDir,
      send: auth.send,
      ...(retries === undefined ? {} : { retries }),
    });
    renderResult(result, auth, context, flags.json);
    return result.rejected.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ShipError)) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === "string")
        throw new CliFailure(ExitCode.environment, `cannot ship: ${(error as Error).message}`);
      throw error;
    }
    if (flags.json)
      io.stdout(
        `${JSON.stringify({ error: error.code, message: error.message, pending: error.pending, partial: error.partial, auth: authOf(auth) }, null, 2)}\n`,
      );
    io.stderr(`warden: ${error.message}\n`);
    io.stderr(
      `warden: shipped ${error.partial.accepted} event(s); ${error.pending} remain in the spool and will be sent next time\n`,
    );
    return ExitCode.environment;
  }
}
