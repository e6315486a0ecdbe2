import { hashSpoolRecord, type SpoolRecordV1 } from "./spool-record.ts";

/** One spool file's name and text, in chain order (the caller sorts `events-<date>.jsonl`). */
export interface SpoolFileText {
  readonly name: string;
  readonly text: string;
}

/** Where a problem is: the file and the 1-based line. */
export interface SpoolLocation {
  readonly file: string;
  readonly line: number;
}

/** A line whose `hash` does not match its content: it was edited after it was written. */
export interface SpoolEdit extends SpoolLocation {
  readonly seq: number;
}

/** Sequence numbers missing (or repeated) between two records: lines were deleted or duplicated. */
export interface SpoolGap extends SpoolLocation {
  readonly expectedSeq: number;
  readonly foundSeq: number;
}

/** A record whose `prevHash` is not the previous record's `hash`: the chain is broken here. */
export interface SpoolBreak extends SpoolLocation {
  readonly seq: number;
  readonly expectedPrevHash: string | null;
  readonly foundPrevHash: string | null;
}

/** A line that is not a spool record (not JSON, or a torn write). */
export interface SpoolMalformed extends SpoolLocation {
  readonly message: string;
}

/** What the spool's own state says the chain ends with, to detect lines cut from the end. */
export interface SpoolChainHead {
  readonly seq: number;
  readonly hash: string | null;
}

/** The verdict on a spool: every problem found, and where the chain ends. */
export interface SpoolVerification {
  readonly ok: boolean;
  readonly records: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly lastHash: string | null;
  readonly edits: SpoolEdit[];
  readonly gaps: SpoolGap[];
  readonly breaks: SpoolBreak[];
  readonly malformed: SpoolMalformed[];
  /** Set when the recorded head is past the last record (lines deleted from the end) or differs from it. */
  readonly truncatedTail: { readonly expected: SpoolChainHead; readonly found: SpoolChainHead } | null;
}

function isRecord(value: unknown): value is SpoolRecordV1 {
  const r = value as SpoolRecordV1;
  return (
    r !== null &&
    typeof r === "object" &&
    Number.isSafeInteger(r.seq) &&
    typeof r.hash === "string" &&
    (r.prevHash === null || typeof r.prevHash === "string")
  );
}

/**
 * Checks a device's spool files: each line's hash, consecutive sequence numbers, and that each
 * `prevHash` is the previous record's `hash`. The first record may start after 1 (older files
 * shipped and pruned); a head from the spool's state detects lines deleted from the end.
 */
export function verifySpoolChain(files: readonly SpoolFileText[], head: SpoolChainHead | null = null) {
  const result = {
    records: 0,
    firstSeq: null as number | null,
    lastSeq: null as number | null,
    lastHash: null as string | null,
    edits: [] as SpoolEdit[],
    gaps: [] as SpoolGap[],
    breaks: [] as SpoolBreak[],
    malformed: [] as SpoolMalformed[],
  };
  let previous: SpoolRecordV1 | null = null;
  for (const file of files) {
    const lines = file.text.split("\n");
    const last = lines.pop();
    if (last !== undefined && last !== "") lines.push(last); // a torn final write has no newline
    lines.forEach((text, index) => {
      const at = { file: file.name, line: index + 1 };
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        const torn = index === lines.length - 1 && last !== "";
        result.malformed.push({ ...at, message: torn ? "torn write (no newline at the end)" : "not JSON" });
        return;
      }
      if (!isRecord(record)) {
        result.malformed.push({ ...at, message: "not a spool record" });
        return;
      }
      result.records++;
      if (hashSpoolRecord(record) !== record.hash) result.edits.push({ ...at, seq: record.seq });
      if (previous === null) {
        result.firstSeq = record.seq;
        if (record.seq === 1 && record.prevHash !== null) {
          result.breaks.push({ ...at, seq: 1, expectedPrevHash: null, foundPrevHash: record.prevHash });
        }
      } else {
        if (record.seq !== previous.seq + 1) {
          result.gaps.push({ ...at, expectedSeq: previous.seq + 1, foundSeq: record.seq });
        }
        if (record.prevHash !== previous.hash) {
          result.breaks.push({
            ...at,
            seq: record.seq,
            expectedPrevHash: previous.hash,
            foundPrevHash: record.prevHash,
          });
        }
      }
      previous = record;
      result.lastSeq = record.seq;
      result.lastHash = record.hash;
    });
  }
  const found = { seq: result.lastSeq ?? 0, hash: result.lastHash };
  const truncatedTail =
    head !== null && (head.seq !== found.seq || head.hash !== found.hash) ? { expected: head, found } : null;
  const ok =
    result.edits.length + result.gaps.length + result.breaks.length + result.malformed.length === 0 &&
    truncatedTail === null;
  return { ok, ...result, truncatedTail } satisfies SpoolVerification;
}
