import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Replaces `path` atomically: a temp file in the same directory, written and fsynced, renamed over
 * it (readers see the old file or the new one, never half of one). Keeps an existing file's mode.
 */
export function writeFileAtomic(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  let fileMode = mode;
  try {
    fileMode = statSync(path).mode & 0o7777;
  } catch {
    // a new file
  }
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w", fileMode);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}
