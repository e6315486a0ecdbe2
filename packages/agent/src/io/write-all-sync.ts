import { writeSync } from "node:fs";

/**
 * Writes all of `text` to a file descriptor synchronously. Not `process.stdout`: creating that
 * stream loads node:stream and friends, a few milliseconds of every short process's start. A
 * non-blocking pipe answers EAGAIN when full, so the write is retried until all of it went
 * through. Other errors (EPIPE: the reader went away) are thrown for the caller to decide.
 */
export function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}
