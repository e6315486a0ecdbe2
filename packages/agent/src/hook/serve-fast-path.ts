import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { Socket } from "node:net";
import { join } from "node:path";
import {
  asFastPathRequest,
  encodeAnswer,
  type FastPathAnswer,
  fastPathDir,
  fastPathFiles,
  isPrivateDirectory,
  REQUEST_ID,
} from "./fast-path.ts";
import { runHook } from "./run-hook.ts";

/** Files a client gave up on (its answer) or never handed over (its request) are removed after this. */
const STALE_MS = 60_000;

/** How often the daemon checks that its FIFO is still the one clients reach. */
const WATCH_MS = 2_000;

export interface FastPathServer {
  /** The daemon's directory. */
  readonly dir: string;
  /** Resolves once the daemon is listening. */
  readonly ready: Promise<void>;
  /**
   * Resolves with why the daemon stopped on its own: idle for `idleMs`, or its FIFO removed or
   * replaced (its directory deleted, or another daemon took over). It has closed by then.
   */
  readonly stopped: Promise<string>;
  /** Stops listening (clients fall back at once) and resolves when the last event is answered. */
  close(): Promise<void>;
}

/** Whether a daemon is reading `fifo` now: opening it to write without blocking succeeds only then. */
function hasReader(fifo: string): boolean {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false; // ENXIO: a FIFO nobody reads; ENOENT: none
  }
}

/** Makes `dir` the user's private directory, or says why it cannot be trusted. */
function ensurePrivateDirectory(dir: string, uid: number): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (stat.isDirectory() && stat.uid === uid && !isPrivateDirectory(stat, uid)) chmodSync(dir, 0o700);
  if (!isPrivateDirectory(lstatSync(dir), uid)) {
    throw new Error(`${dir} is not a directory owned by uid ${uid} with mode 0700; refusing to serve from it`);
  }
}

function makeFifo(path: string): void {
  try {
    unlinkSync(path); // a previous daemon's
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const made = spawnSync("mkfifo", ["-m", "600", path], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.error?.message ?? made.stderr.trim()}`);
}

function removeStale(dir: string, now: number): void {
  for (const sub of ["q", "a"]) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue; // removed under us: clients find no daemon and decide alone
    }
    for (const name of names) {
      const path = join(dir, sub, name);
      try {
        if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
      } catch {
        // taken meanwhile
      }
    }
  }
}

/**
 * `warden hook serve`: answers `warden hook`'s events for this user from one warm process. Each
 * event runs through the same `runHook` as the standalone hook (policy read fresh, decision,
 * fsynced spool record), so the fast path changes the latency and nothing else. Throws when
 * another daemon already answers for this spool. With `idleMs`, it stops after that long without
 * an event (how the daemons hooks start themselves, `--daemon auto`, go away).
 */
export function serveHookFastPath(options: { spoolDir: string; uid: number; idleMs?: number }): FastPathServer {
  const dir = fastPathDir(options.spoolDir, options.uid);
  ensurePrivateDirectory(dir, options.uid);
  for (const sub of ["q", "a"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const files = fastPathFiles(dir);
  if (hasReader(files.fifo)) throw new Error(`another warden hook serve is answering through ${dir}`);
  makeFifo(files.fifo);
  // Read and write: the FIFO never reports end-of-file between clients.
  const fd = openSync(files.fifo, constants.O_RDWR | constants.O_NONBLOCK);
  const fifoIno = fstatSync(fd).ino;
  let lastEvent = Date.now();
  const socket = new Socket({ fd, readable: true, writable: false });
  let buffered = "";
  let queue: Promise<void> = Promise.resolve();
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = parseLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      if (line !== null) queue = queue.then(() => answer(line, options.uid, files));
      newline = buffered.indexOf("\n");
    }
    lastEvent = Date.now();
  });
  const sweeper = setInterval(() => removeStale(dir, Date.now()), STALE_MS / 2);
  sweeper.unref();
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(sweeper);
      clearInterval(watcher);
      try {
        // New clients fall back at once; a FIFO another daemon made in its place stays.
        if (lstatSync(files.fifo).ino === fifoIno) unlinkSync(files.fifo);
      } catch {
        // already gone
      }
      socket.destroy();
      await queue;
    })();
    return closing;
  };
  let stop: (why: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = (why) => void close().then(() => resolve(why));
  });
  const watcher = setInterval(
    () => {
      let current: number | null;
      try {
        current = lstatSync(files.fifo).ino;
      } catch {
        current = null;
      }
      if (current !== fifoIno) stop(`${files.fifo} was removed or replaced`);
      else if (options.idleMs !== undefined && Date.now() - lastEvent >= options.idleMs) {
        stop(`no event for ${Math.round(options.idleMs / 1000)} s`);
      }
    },
    Math.min(WATCH_MS, options.idleMs ?? WATCH_MS),
  );
  const ready = new Promise<void>((resolve) => setImmediate(resolve));
  return { dir, ready, stopped, close };
}

/** One FIFO line; null for anything that is not one (it names no file, so it cannot be answered). */
function parseLine(text: string): { id: string; request: unknown } | null {
  try {
    const line = JSON.parse(text) as { id?: unknown; request?: unknown };
    return typeof line.id === "string" && REQUEST_ID.test(line.id) ? { id: line.id, request: line.request } : null;
  } catch {
    return null;
  }
}

async function answer(
  line: { id: string; request: unknown },
  uid: number,
  files: ReturnType<typeof fastPathFiles>,
): Promise<void> {
  const receivedAt = Date.now();
  const { id } = line;
  let result: FastPathAnswer;
  try {
    const request = line.request === undefined ? takeRequest(files.request(id), uid) : asFastPathRequest(line.request);
    if (line.request === undefined && request === null) return; // the client gave up and took it back
    if (request === null) throw new Error("malformed request");
    const response = await runHook({
      argv: request.argv,
      env: request.env,
      readStdin: async () => request.stdin,
      uptimeMs: () => request.uptimeMs + (Date.now() - receivedAt),
    });
    result = { response };
  } catch (error) {
    result = { fallback: `the daemon could not decide: ${(error as Error).message}` };
  }
  try {
    writeFileSync(files.answerTemp(id), encodeAnswer(result), { mode: 0o600 });
    renameSync(files.answerTemp(id), files.answer(id));
  } catch {
    // the client times out and decides standalone
  }
}

/** Reads and removes one request; null when it is gone. Throws on a request that is not this user's or not valid. */
function takeRequest(path: string, uid: number): ReturnType<typeof asFastPathRequest> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.uid !== uid) throw new Error("the request file is not this user's");
    text = readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // taken back by the client meanwhile
    }
  }
  const request = asFastPathRequest(JSON.parse(text));
  if (request === null) throw new Error("malformed request");
  return request;
}
