import { hostname, userInfo } from "node:os";
import { resolve } from "node:path";
import { enrollDevice, SyncError, syncBundle } from "@warden/agent";
import { writeFileAtomic } from "../adapters/write-file-atomic.ts";
import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden enroll`. */
export interface EnrollOptions {
  server: string;
  token: string;
  stateDir: string;
  json?: boolean;
}

/** The flags of `warden sync`. */
export interface SyncOptions {
  stateDir: string;
  etcDir: string;
  json?: boolean;
}

const AGENT_VERSION = "0.1.0";

// Refused bundles are a check that found a problem (1); no enrollment is bad usage (2); the network is the environment (3).
const EXIT_OF: Record<SyncError["code"], ExitCodeValue> = {
  refused: ExitCode.problemsFound,
  not_enrolled: ExitCode.usage,
  server_unreachable: ExitCode.environment,
  server_error: ExitCode.environment,
};

function failure(error: unknown, what: string): never {
  if (error instanceof SyncError) throw new CliFailure(EXIT_OF[error.code], `${what}: ${error.message}`);
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    throw new CliFailure(ExitCode.environment, `${what}: ${(error as Error).message}`);
  }
  throw error;
}

function serverUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url.toString();
  } catch {
    throw new CliFailure(ExitCode.usage, `--server ${raw}: expected an http(s) URL`);
  }
}

/** Runs `warden enroll`. */
export async function runEnroll(options: EnrollOptions, context: CommandContext, setExit: (code: number) => void) {
  const { io } = context;
  const stateDir = resolve(io.cwd, options.stateDir);
  const enrolled = await enrollDevice({
    serverUrl: serverUrl(options.server),
    token: options.token,
    stateDir,
    hostname: hostname(),
    platform: `${process.platform}-${process.arch}`,
    osUser: userInfo().username,
    agentVersion: AGENT_VERSION,
    writeFile: writeFileAtomic,
  }).catch((error: unknown) => failure(error, "enroll"));
  const { publicKeyPem: _, ...shown } = enrolled;
  if (options.json) io.stdout(`${JSON.stringify({ ...shown, stateDir }, null, 2)}\n`);
  else {
    io.stdout(`warden: enrolled as device ${enrolled.deviceId} (state in ${stateDir})\n`);
    io.stdout(`pinned signing keys: ${enrolled.pinnedKeyIds.join(", ")}\n`);
  }
  setExit(ExitCode.ok);
}

/** Runs `warden sync`. */
export async function runSync(options: SyncOptions, context: CommandContext, setExit: (code: number) => void) {
  const { io } = context;
  const stateDir = resolve(io.cwd, options.stateDir);
  const etcDir = resolve(io.cwd, options.etcDir);
  const outcome = await syncBundle({ stateDir, etcDir, now: () => new Date(), writeFile: writeFileAtomic }).catch(
    (error: unknown) => failure(error, "sync"),
  );
  if (options.json) {
    if (outcome.status === "unchanged") io.stdout(`${JSON.stringify({ ...outcome, etcDir }, null, 2)}\n`);
    else {
      const { bundle, pins, ...rest } = outcome;
      const keys = { pinned: pins.keys.map((k) => k.keyId), added: pins.added, removed: pins.removed };
      const shown = { ...rest, policy: bundle.policy, expiresAt: bundle.expiresAt, keys, etcDir };
      io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    }
  } else if (outcome.status === "unchanged") {
    io.stdout(`warden: bundle unchanged (revision ${outcome.revision})\n`);
  } else {
    const policy = outcome.bundle.policy;
    const what = policy ? `policy ${policy.name} revision ${policy.revision}` : "no policy";
    io.stdout(`warden: installed bundle revision ${outcome.revision} (${what}) into ${etcDir}\n`);
    const { added, removed, keys } = outcome.pins;
    if (added.length > 0 || removed.length > 0) {
      const change = [...added.map((id) => `+${id}`), ...removed.map((id) => `-${id}`)].join(" ");
      io.stdout(`warden: signing keys rotated (${change}); pinned now: ${keys.map((k) => k.keyId).join(", ")}\n`);
    }
  }
  setExit(ExitCode.ok);
}
