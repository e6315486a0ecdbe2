import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { type AuditEventV1, type AuditFindingV1, type AuditRejectedV1, MAX_AUDIT_BATCH } from "@warden/protocol";
import { acquireSpoolLock } from "../spool/spool-lock.ts";
import { listSpoolFiles, loadSpoolState } from "../spool/spool-state.ts";
import { type AuditSender, TransportError } from "./audit-transport.ts";
import { loadShipCursor, type ShipCursor, saveShipCursor } from "./ship-cursor.ts";

/** What `shipSpool` needs: where the spool and the cursor are, and how to send a batch. */
export interface ShipOptions {
  readonly spoolDir: string;
  readonly stateDir: string;
  readonly send: AuditSender;
  /** @default MAX_AUDIT_BATCH (500) */
  readonly maxBatchEvents?: number;
  /** Kept under the server's default 1 MiB body limit. @default 512 KiB */
  readonly maxBatchBytes?: number;
  /** Retries of a batch after a retryable failure (network, 5xx). @default 4 */
  readonly retries?: number;
  /** The first retry's delay, doubled each time (with jitter). @default 500 */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a run shipped and what is left. */
export interface ShipResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: AuditRejectedV1[];
  readonly findings: AuditFindingV1[];
  readonly batches: number;
  /** Spool lines that are not records (torn writes): never sent. */
  readonly malformedLines: number;
  /** Fully acknowledged spool files removed. */
  readonly deletedFiles: string[];
  readonly cursor: ShipCursor | null;
}

/** A run that stopped before the spool was acknowledged; nothing unacknowledged was deleted. */
export class ShipError extends Error {
  constructor(
    readonly code: "server_unavailable" | "server_refused",
    message: string,
    readonly partial: ShipResult,
    readonly pending: number,
  ) {
    super(message);
    this.name = "ShipError";
  }
}

interface Pending {
  readonly record: AuditEventV1;
  readonly bytes: number;
}

function looksLikeRecord(value: unknown): value is AuditEventV1 {
  const r = value as AuditEventV1;
  return (
    r !== null && typeof r === "object" && typeof r.deviceId === "string" && Number.isSafeInteger(r.seq) && r.seq > 0
  );
}

/** The spool's records after the cursor, in order, with each file's last record seq. */
function readUnshipped(spoolDir: string, cursor: ShipCursor | null) {
  const pending: Pending[] = [];
  const files: { name: string; lastSeq: number; deviceIds: Set<string> }[] = [];
  let malformedLines = 0;
  for (const name of existsSync(spoolDir) ? listSpoolFiles(spoolDir) : []) {
    const file = { name, lastSeq: 0, deviceIds: new Set<string>() };
    files.push(file);
    for (const line of readFileSync(join(spoolDir, name), "utf8").split("\n")) {
      if (line === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        malformedLines++;
        continue;
      }
      if (!looksLikeRecord(record)) {
        malformedLines++;
        continue;
      }
      file.lastSeq = Math.max(file.lastSeq, record.seq);
      file.deviceIds.add(record.deviceId);
      if (cursor !== null && record.deviceId === cursor.deviceId && record.seq <= cursor.seq) continue;
      pending.push({ record, bytes: Buffer.byteLength(line) + 1 });
    }
  }
  return { pending, files, malformedLines };
}

/** Splits records into batches of at most `maxEvents` records and `maxBytes` of JSON. */
function toBatches(pending: readonly Pending[], maxEvents: number, maxBytes: number): AuditEventV1[][] {
  const batches: AuditEventV1[][] = [];
  let batch: AuditEventV1[] = [];
  let bytes = 0;
  let device: string | null = null;
  for (const { record, bytes: size } of pending) {
    // A batch carries one device's records (a re-created spool has a new device id).
    if (batch.length > 0 && (batch.length >= maxEvents || bytes + size > maxBytes || record.deviceId !== device)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(record);
    bytes += size;
    device = record.deviceId;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Ships the spool's unacknowledged records in order, in batches, retrying network errors and 5xx
 * with exponential backoff. After each acknowledged batch the cursor is saved (atomically); at
 * the end, spool files whose every record is acknowledged and that the hook no longer appends to
 * are deleted. Throws a {@link ShipError} when the server stays down or refuses a batch.
 */
export async function shipSpool(options: ShipOptions): Promise<ShipResult> {
  const maxEvents = Math.min(options.maxBatchEvents ?? MAX_AUDIT_BATCH, MAX_AUDIT_BATCH);
  const maxBytes = options.maxBatchBytes ?? 512 * 1024;
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  let cursor = loadShipCursor(options.stateDir);
  const { pending, files, malformedLines } = readUnshipped(options.spoolDir, cursor);
  const totals = { accepted: 0, duplicates: 0, batches: 0 };
  const rejected: AuditRejectedV1[] = [];
  const findings: AuditFindingV1[] = [];
  const result = (): ShipResult => ({ ...totals, rejected, findings, malformedLines, deletedFiles: [], cursor });
  let sent = 0;

  const sendWithRetry = async (batch: AuditEventV1[]): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const ack = await options.send(batch);
        if (ack.accepted + ack.duplicates + ack.rejected.length !== batch.length) {
          throw new TransportError(
            `the server acknowledged ${ack.accepted + ack.duplicates} of ${batch.length}`,
            false,
          );
        }
        totals.accepted += ack.accepted;
        totals.duplicates += ack.duplicates;
        totals.batches++;
        rejected.push(...ack.rejected);
        findings.push(...ack.findings);
        return;
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (error.status === 413 && batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          await sendWithRetry(batch.slice(0, half));
          await sendWithRetry(batch.slice(half));
          return;
        }
        const left = pending.length - sent;
        if (!error.retryable) throw new ShipError("server_refused", error.message, result(), left);
        if (attempt >= retries) {
          throw new ShipError(
            "server_unavailable",
            `${error.message}; gave up after ${attempt + 1} attempts`,
            result(),
            left,
          );
        }
        await sleep(backoffMs * 2 ** attempt * (0.75 + Math.random() / 2));
      }
    }
  };

  for (const batch of toBatches(pending, maxEvents, maxBytes)) {
    await sendWithRetry(batch);
    const last = batch.at(-1)!;
    cursor = { deviceId: last.deviceId, seq: last.seq };
    saveShipCursor(options.stateDir, cursor);
    sent += batch.length;
  }
  return { ...result(), deletedFiles: deleteAcknowledgedFiles(options.spoolDir, files, cursor) };
}

/** Deletes spool files older than the hook's current one whose records are all at or below the cursor. */
function deleteAcknowledgedFiles(
  spoolDir: string,
  files: readonly { name: string; lastSeq: number; deviceIds: Set<string> }[],
  cursor: ShipCursor | null,
): string[] {
  if (cursor === null || files.length < 2) return [];
  const deleted: string[] = [];
  // Under the spool lock, so the head file named in state.json cannot move while we look.
  const release = acquireSpoolLock(spoolDir, Date.now() + 5000);
  try {
    const head = loadSpoolState(spoolDir).file;
    for (const file of files) {
      if (head === null || file.name >= head) break;
      const acknowledged = [...file.deviceIds].every((id) => id === cursor.deviceId) && file.lastSeq <= cursor.seq;
      if (!acknowledged) break;
      unlinkSync(join(spoolDir, file.name));
      deleted.push(file.name);
    }
  } finally {
    release();
  }
  return deleted;
}
