import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sleepSync } from "../io/sleep-sync.ts";
import { SpoolError, spoolErrorFrom } from "./spool-error.ts";

/** A lock held by a live process is never this old (the hook answers within seconds), so it is stale. */
const STALE_LOCK_MS = 30_000;
/** Same for the breaker's own lock: breaking takes microseconds. */
const STALE_BREAKER_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // someone else's live process
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function readOwner(path: string): { text: string; ageMs: number } | null {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    return { text: readFileSync(path, "utf8"), ageMs };
  } catch {
    return null; // released meanwhile
  }
}

function isStale(owner: { text: string; ageMs: number }): boolean {
  if (owner.ageMs > STALE_LOCK_MS) return true;
  const pid = Number.parseInt(owner.text, 10);
  return Number.isSafeInteger(pid) && pid > 0 && !isAlive(pid);
}

/**
 * Removes a stale lock. Only the holder of `<lock>.break` (created with O_EXCL) may remove the
 * lock, and it re-reads the lock under that guard, so two waiters cannot both break it and the
 * second cannot remove the fresh lock the first one's successor took.
 */
function breakStaleLock(lock: string, observed: string): boolean {
  const breaker = `${lock}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, "wx", 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const other = readOwner(breaker);
    if (other !== null && other.ageMs > STALE_BREAKER_MS) unlinkIfPresent(breaker);
    return false;
  }
  try {
    closeSync(fd);
    const owner = readOwner(lock);
    if (owner === null) return true;
    if (owner.text !== observed || !isStale(owner)) return false;
    unlinkIfPresent(lock);
    return true;
  } finally {
    unlinkIfPresent(breaker);
  }
}

/**
 * Takes the spool's exclusive lock (`<dir>/.lock`, created with O_EXCL and holding the owner's
 * pid), retrying with a growing, jittered backoff until `deadline` (a `Date.now()` value). Locks
 * left by a dead process (the hook killed by Codex's timeout) are broken. Returns the release.
 */
export function acquireSpoolLock(dir: string, deadline: number): () => void {
  const lock = join(dir, ".lock");
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, "wx", 0o666);
      let written = false;
      try {
        writeSync(fd, `${process.pid}\n`);
        written = true;
      } finally {
        closeSync(fd);
        if (!written) unlinkSync(lock); // an ownerless lock would stall every hook until it ages out
      }
      return () => unlinkIfPresent(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw spoolErrorFrom(error, dir);
    }
    const owner = readOwner(lock);
    if (owner !== null && isStale(owner)) {
      let broken: boolean;
      try {
        broken = breakStaleLock(lock, owner.text);
      } catch (error) {
        throw spoolErrorFrom(error, dir);
      }
      if (broken) continue;
    }
    const wait = Math.min(2 ** Math.min(attempt, 4), 16) * (0.5 + Math.random());
    if (Date.now() + wait > deadline) {
      throw new SpoolError("spool_locked", `the spool lock ${lock} is held by another process (timed out)`);
    }
    sleepSync(wait);
  }
}
