import { closeSync, constants, openSync, readSync } from "node:fs";

/** What reading stdin gave: the text, that it was larger than the cap, or the read error's code. */
export type StdinRead = { readonly text: string } | { readonly tooLarge: number } | { readonly unreadable: string };

const CHUNK = 64 * 1024;

/** Collects chunks up to the cap; past it, only counts (the rest is drained, not kept). */
function collector(maxBytes: number) {
  const chunks: Buffer[] = [];
  let total = 0;
  return {
    add(chunk: Buffer): void {
      if (total + chunk.length <= maxBytes) chunks.push(chunk);
      total += chunk.length;
    },
    done(): StdinRead {
      return total > maxBytes ? { tooLarge: total } : { text: Buffer.concat(chunks).toString("utf8") };
    },
  };
}

/**
 * Reads stdin to EOF. Past `maxBytes` the rest is still drained and discarded: if the hook
 * stopped reading, Codex's write to stdin would fail, and Codex treats a failed write as a
 * failed hook, which fails open.
 *
 * How matters for the watchdog and for startup time. A pending `fs.read(0)` blocks a thread-pool
 * thread, and libuv joins those threads at exit, so a hook whose stdin never closes could not
 * exit; `process.stdin` avoids that but costs ~4 ms of startup. So on Linux the hook reopens its
 * stdin through `/proc/self/fd/0` with O_NONBLOCK (a new open file description: the flag does not
 * leak to Codex's end) and polls it; elsewhere, or for a socket, it falls back to `process.stdin`.
 */
export function readStdin(maxBytes: number): Promise<StdinRead> {
  let fd: number;
  try {
    fd = openSync("/proc/self/fd/0", constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return readStdinStream(maxBytes);
  }
  return new Promise((resolve) => {
    const input = collector(maxBytes);
    const buffer = Buffer.allocUnsafe(CHUNK);
    const finish = (result: StdinRead): void => {
      closeSync(fd);
      resolve(result);
    };
    const poll = (): void => {
      for (;;) {
        let read: number;
        try {
          read = readSync(fd, buffer, 0, CHUNK, null);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "EAGAIN" || code === "EWOULDBLOCK") setTimeout(poll, 1);
          else finish({ unreadable: code ?? "error" });
          return;
        }
        if (read === 0) {
          finish(input.done());
          return;
        }
        input.add(Buffer.from(buffer.subarray(0, read)));
      }
    };
    poll();
  });
}

function readStdinStream(maxBytes: number): Promise<StdinRead> {
  return new Promise((resolve) => {
    const input = collector(maxBytes);
    process.stdin.on("data", (chunk: Buffer) => input.add(chunk));
    process.stdin.on("end", () => resolve(input.done()));
    process.stdin.on("error", (error: NodeJS.ErrnoException) => resolve({ unreadable: error.code ?? "error" }));
  });
}

/** Resolves with the stdin read, or null once `ms` have passed (the watchdog; the read itself goes on). */
export function readWithin(read: Promise<StdinRead>, ms: number): Promise<StdinRead | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), Math.max(0, ms));
    read.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
