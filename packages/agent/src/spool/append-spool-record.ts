import { closeSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type SpoolRecordDraft, type SpoolRecordV1, sealSpoolRecord } from "@warden/core/hook-runtime";
import { spoolErrorFrom } from "./spool-error.ts";
import { acquireSpoolLock } from "./spool-lock.ts";
import { loadSpoolState, readRange, saveSpoolState, spoolFileName } from "./spool-state.ts";

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Appends one line durably; returns the file's new size. A failed write is cut back off. */
function appendLine(dir: string, file: string, line: string): number {
  const path = join(dir, file);
  const fd = openSync(path, "a+", 0o660);
  try {
    const before = fstatSync(fd).size;
    // A torn line left by a killed writer must not swallow this record: start on a fresh line.
    const torn = before > 0 && readRange(fd, before - 1, 1)[0] !== 0x0a;
    const bytes = Buffer.from(torn ? `\n${line}` : line);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fdatasyncSync(fd); // data and size; the mtime need not reach the disk first
    } catch (error) {
      try {
        ftruncateSync(fd, before);
      } catch {
        // the original error says more
      }
      throw error;
    }
    if (before === 0) fsyncDirectory(dir); // the new file's directory entry must survive a crash too
    return before + bytes.length;
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends one record to `<dir>/events-<UTC date>.jsonl` under the spool lock: the next sequence
 * number, `prevHash` = the head's hash, fsynced before returning, then the head saved atomically.
 * Throws a `SpoolError` saying what is wrong (read-only, full, locked, other I/O).
 */
export function appendSpoolRecord(dir: string, draft: SpoolRecordDraft, deadline: number): SpoolRecordV1 {
  let release: () => void;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o770 });
    release = acquireSpoolLock(dir, deadline);
  } catch (error) {
    throw spoolErrorFrom(error, dir);
  }
  try {
    const state = loadSpoolState(dir);
    const record = sealSpoolRecord(draft, { deviceId: state.deviceId, seq: state.seq + 1, prevHash: state.hash });
    // Named when sealed, never before the head's file, so files sort in chain order even when a
    // hook started before midnight takes the lock after one that started later.
    const today = spoolFileName(new Date().toISOString());
    const file = state.file !== null && state.file > today ? state.file : today;
    const size = appendLine(dir, file, `${JSON.stringify(record)}\n`);
    saveSpoolState(dir, { seq: record.seq, hash: record.hash, deviceId: state.deviceId, file, size });
    return record;
  } catch (error) {
    throw spoolErrorFrom(error, dir);
  } finally {
    try {
      release();
    } catch {
      // a lock we cannot remove ages out as stale
    }
  }
}
