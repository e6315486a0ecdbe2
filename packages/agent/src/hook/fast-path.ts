// The hook's fast path: `warden hook serve` keeps the hook's code warm in one long-running process
// per user, and `warden hook` hands it each event through a private directory instead of loading
// and initialising the hook bundle itself. The decision, the spool record and the answer are the
// same as the standalone hook's (the daemon runs the same `runHook`); only who runs it changes.
//
// The directory, `<spool-dir>/hookd-<uid>/` (mode 0700, owned by the user):
//   requests   a FIFO; a client writes one line: `{"id", "request"}`, or `{"id"}` alone when the
//              request is too large for one atomic pipe write (PIPE_BUF) and waits in q/<id>
//   q/<id>     a large request: argv, the forwarded environment, the stdin read, the client's uptime
//   a/<id>     the answer (encodeAnswer), written to a temporary name and renamed into place
// No `net` (loading it costs the client ~4 ms of its ~5 ms budget): plain files and one FIFO.
// A client that finds no daemon (no FIFO, or no reader on it), a directory that is not private,
// or no answer in time runs the standalone hook itself, which is always correct.
// Two clients speak this: hook-client.ts in node, and packages/agent/native/warden-hook-client.c,
// which bin/warden runs when the build could compile it (no node start on the fast path).
import { join } from "node:path";
import type { HookResponse } from "@warden/core/hook-runtime";
import type { StdinRead } from "./read-stdin.ts";

export const FAST_PATH_VERSION = 2;

/** The environment the hook reads (options, the user's home), forwarded from the client. */
export const FORWARDED_ENV = ["WARDEN_HOOK_POLICY", "WARDEN_SPOOL_DIR", "HOME", "USER", "LOGNAME"] as const;

/** How long a client waits for an answer before deciding itself (the hook's deadline is 2 s by default). */
export const FAST_PATH_WAIT_MS = 500;

/** The daemon's directory for one user. */
export function fastPathDir(spoolDir: string, uid: number): string {
  return join(spoolDir, `hookd-${uid}`);
}

/** The paths inside the daemon's directory. */
export function fastPathFiles(dir: string) {
  return {
    fifo: join(dir, "requests"),
    request: (id: string) => join(dir, "q", id),
    answer: (id: string) => join(dir, "a", id),
    answerTemp: (id: string) => join(dir, "a", `.${id}.tmp`),
  };
}

/**
 * Where a hook with `--daemon auto` that found no daemon notes that it started one: the next hook
 * starts another only once this is AUTOSTART_RETRY_MS old (a daemon that cannot start is not
 * retried on every call). Beside the daemon's directory, which may not exist yet.
 */
export function autostartStamp(spoolDir: string, uid: number): string {
  return `${fastPathDir(spoolDir, uid)}.started`;
}

export const AUTOSTART_RETRY_MS = 30_000;

/** How long a daemon a hook started waits for events before it stops (`hook serve --idle-exit`). */
export const AUTOSTART_IDLE_EXIT_SECONDS = 1800;

/** PIPE_BUF: a pipe write of at most this many bytes is never interleaved with another's (POSIX's floor elsewhere). */
export const PIPE_BUF = process.platform === "linux" ? 4096 : 512;

/** One line on the FIFO. */
export interface FastPathLine {
  readonly id: string;
  readonly request?: FastPathRequest;
}

/** Request ids are `<pid>-<random>`: nothing else may name a file in the directory. */
export const REQUEST_ID = /^[0-9]{1,10}-[0-9a-z]{1,16}$/;

/** One event handed to the daemon. */
export interface FastPathRequest {
  readonly v: typeof FAST_PATH_VERSION;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: StdinRead;
  /** The client's uptime when it wrote the request: the record's latency starts at the client's start. */
  readonly uptimeMs: number;
}

/** The daemon's answer: what the hook prints and exits with, or a reason to decide standalone. */
export type FastPathAnswer = { readonly response: HookResponse } | { readonly fallback: string };

/**
 * An answer file: `response <exit code> <stdout bytes> <stderr bytes>\n` then stdout and stderr,
 * or `fallback\n` then the reason. Framed, not JSON, so the native client reads it without a parser.
 */
export function encodeAnswer(answer: FastPathAnswer): Buffer {
  if ("fallback" in answer) return Buffer.from(`fallback\n${answer.fallback}`);
  const { stdout, stderr, exitCode } = answer.response;
  const out = Buffer.from(stdout);
  const err = Buffer.from(stderr);
  return Buffer.concat([Buffer.from(`response ${exitCode} ${out.length} ${err.length}\n`), out, err]);
}

/** Reads an answer file; a fallback with the reason for anything that is not a well-formed answer. */
export function decodeAnswer(bytes: Buffer): FastPathAnswer {
  const newline = bytes.indexOf(10);
  const header = bytes.subarray(0, Math.max(newline, 0)).toString("latin1");
  if (header === "fallback") return { fallback: bytes.subarray(newline + 1).toString("utf8") };
  const frame = /^response ([02]) (\d{1,10}) (\d{1,10})$/.exec(header);
  if (newline < 0 || frame === null) return { fallback: "malformed answer" };
  const outLength = Number(frame[2]);
  const body = bytes.subarray(newline + 1);
  if (outLength + Number(frame[3]) !== body.length) return { fallback: "malformed answer" };
  return {
    response: {
      exitCode: frame[1] === "0" ? 0 : 2,
      stdout: body.subarray(0, outLength).toString("utf8"),
      stderr: body.subarray(outLength).toString("utf8"),
    },
  };
}

/** Whether a directory's metadata makes it the user's own private directory (nobody else can plant a daemon). */
export function isPrivateDirectory(stat: { isDirectory(): boolean; uid: number; mode: number }, uid: number): boolean {
  return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0;
}

/** Checks a parsed request's shape; returns null when it is not one. */
export function asFastPathRequest(value: unknown): FastPathRequest | null {
  if (typeof value !== "object" || value === null) return null;
  const request = value as Partial<FastPathRequest>;
  if (request.v !== FAST_PATH_VERSION) return null;
  if (!Array.isArray(request.argv) || !request.argv.every((arg) => typeof arg === "string")) return null;
  if (typeof request.env !== "object" || request.env === null) return null;
  if (!Object.entries(request.env).every(([key, text]) => isForwarded(key) && typeof text === "string")) return null;
  if (typeof request.uptimeMs !== "number" || !Number.isFinite(request.uptimeMs)) return null;
  const stdin = request.stdin as Record<string, unknown> | undefined;
  if (typeof stdin !== "object" || stdin === null) return null;
  const valid =
    typeof stdin.text === "string" || typeof stdin.tooLarge === "number" || typeof stdin.unreadable === "string";
  return valid ? (request as FastPathRequest) : null;
}

function isForwarded(key: string): boolean {
  return (FORWARDED_ENV as readonly string[]).includes(key);
}
