import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  lstatSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { isAbsolute } from "node:path";
import type { HookResponse } from "@warden/core/hook-runtime";
import { sleepSync } from "../io/sleep-sync.ts";
import {
  AUTOSTART_RETRY_MS,
  autostartStamp,
  decodeAnswer,
  FAST_PATH_VERSION,
  FAST_PATH_WAIT_MS,
  type FastPathLine,
  type FastPathRequest,
  FORWARDED_ENV,
  fastPathDir,
  fastPathFiles,
  isPrivateDirectory,
  PIPE_BUF,
} from "./fast-path.ts";
import { parseHookOptions } from "./hook-options.ts";
import { readWithin, type StdinRead } from "./read-stdin.ts";

/** What the client got: the daemon's answer, or a reason to decide standalone (with the stdin read, if started). */
export type FastPathOutcome =
  | { readonly answered: HookResponse }
  | { readonly fallback: string; readonly stdin: Promise<StdinRead> | null };

/** What the client needs from its process (injected so tests can drive it). */
export interface FastPathClientProcess {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly uid: number | undefined;
  readonly pid: number;
  readonly readStdin: (maxBytes: number) => Promise<StdinRead>;
  readonly uptimeMs: () => number;
  readonly waitMs?: number;
  /** Starts `warden hook serve` for this spool in the background (`--daemon auto`, no daemon found). */
  readonly startDaemon?: (spoolDir: string) => void;
}

/**
 * Whether a hook that found no daemon should start one now: at most once per AUTOSTART_RETRY_MS
 * per user and spool, noted in a stamp file of the user's own. Never throws.
 */
export function claimAutostart(spoolDir: string, uid: number, now: number): boolean {
  const stamp = autostartStamp(spoolDir, uid);
  try {
    const stat = lstatSync(stamp);
    if (!stat.isFile() || stat.uid !== uid || now - stat.mtimeMs < AUTOSTART_RETRY_MS) return false;
  } catch {
    // none yet
  }
  try {
    // Never through a symbolic link, never truncating: only the note's time matters.
    const fd = openSync(stamp, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
    try {
      futimesSync(fd, now / 1000, now / 1000);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false; // no spool yet (the standalone hook makes it), or one we cannot write to
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already taken by the daemon, or never written
  }
}

/**
 * Hands this process's event to `warden hook serve` when one is running for this user, and waits
 * up to FAST_PATH_WAIT_MS for its answer. Never throws: anything unexpected is a fallback, and the
 * standalone hook decides (with the stdin read this started, so no byte is lost).
 */
export async function tryFastPath(client: FastPathClientProcess): Promise<FastPathOutcome> {
  const parsed = parseHookOptions(client.argv, client.env);
  if ("usage" in parsed || client.uid === undefined) return { fallback: "no fast path", stdin: null };
  const { options } = parsed;
  // The daemon resolves paths against its own working directory, not the hook's.
  const paths = [options.policyPath, options.spoolDir, options.publicKeyPath ?? "/"];
  if (!paths.every(isAbsolute)) return { fallback: "relative paths", stdin: null };
  const dir = fastPathDir(options.spoolDir, client.uid);
  const files = fastPathFiles(dir);
  let fifo: number;
  try {
    if (!isPrivateDirectory(lstatSync(dir), client.uid)) return { fallback: "directory not private", stdin: null };
    // No reader (no daemon) is ENXIO at once; a missing FIFO is ENOENT.
    fifo = openSync(files.fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const absent = code === "ENOENT" || code === "ENXIO";
    if (absent && options.daemon === "auto" && claimAutostart(options.spoolDir, client.uid, Date.now())) {
      client.startDaemon?.(options.spoolDir);
    }
    return { fallback: "no daemon", stdin: null };
  }
  let pending: Promise<StdinRead> | null = null;
  let id: string | null = null;
  try {
    const fifoStat = fstatSync(fifo);
    if (!fifoStat.isFIFO() || fifoStat.uid !== client.uid) return { fallback: "not a FIFO of this user", stdin: null };
    pending = client.readStdin(parsed.options.maxStdinBytes);
    // Usually stdin is already complete and `pending` settled: no timer then (the first costs ~0.5 ms).
    let stdin = await Promise.race([pending, Promise.resolve(null)]);
    stdin ??= await readWithin(pending, parsed.options.deadlineMs / 2);
    if (stdin === null) return { fallback: "stdin not closed in time", stdin: pending };
    id = `${client.pid}-${Math.random().toString(36).slice(2, 12) || "0"}`;
    const env: Record<string, string> = {};
    for (const key of FORWARDED_ENV) {
      const value = client.env[key];
      if (value !== undefined) env[key] = value;
    }
    const request: FastPathRequest = {
      v: FAST_PATH_VERSION,
      argv: [...client.argv],
      env,
      stdin,
      uptimeMs: client.uptimeMs(),
    };
    const line = Buffer.from(`${JSON.stringify({ id, request } satisfies FastPathLine)}\n`);
    if (line.length <= PIPE_BUF) {
      writeSync(fifo, line); // one atomic write, or EAGAIN when the daemon is far behind
    } else {
      writeFileSync(files.request(id), JSON.stringify(request), { mode: 0o600, flag: "wx" });
      writeSync(fifo, `${JSON.stringify({ id } satisfies FastPathLine)}\n`);
    }
  } catch {
    if (id !== null) unlinkQuietly(files.request(id));
    return { fallback: "the request could not be handed over", stdin: pending };
  } finally {
    closeSync(fifo);
  }
  return awaitAnswer(files, id, pending, client.waitMs ?? FAST_PATH_WAIT_MS);
}

function awaitAnswer(
  files: ReturnType<typeof fastPathFiles>,
  id: string,
  stdin: Promise<StdinRead>,
  waitMs: number,
): FastPathOutcome {
  const until = Date.now() + waitMs;
  for (let pause = 0.05; ; pause = Math.min(pause * 2, 0.25)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(files.answer(id));
    } catch {
      if (Date.now() > until) {
        unlinkQuietly(files.request(id)); // not taken yet: the daemon must not decide it too
        return { fallback: "no answer in time", stdin };
      }
      sleepSync(pause);
      continue;
    }
    unlinkQuietly(files.answer(id));
    const answer = decodeAnswer(bytes);
    return "response" in answer ? { answered: answer.response } : { fallback: answer.fallback, stdin };
  }
}
