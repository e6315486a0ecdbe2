import { canonicalJson } from "./canonical-json.ts";
import { sha256Hex } from "./sha256.ts";

/** The git repository a call ran in, as the hook detected it from the cwd. */
export interface RepoInfo {
  readonly root: string;
  readonly remoteUrl: string | null;
  readonly branch: string | null;
}

/** What the hook knows about one event before it is sealed into the chain. */
export interface SpoolRecordDraft {
  /** ISO-8601 UTC time the hook started. */
  readonly time: string;
  /** The hook event name, or null when stdin named none. */
  readonly event: string | null;
  readonly tool: string | null;
  /** The tool input (or prompt), already redacted. */
  readonly input: unknown;
  /** What Warden answered: the policy's decision, or the fail-closed/fail-open default. */
  readonly decision: "allow" | "log" | "deny";
  readonly ruleId: string | null;
  readonly reason: string;
  /** A stable code when the hook could not decide normally (bad stdin, no policy…), else null. */
  readonly failure: string | null;
  readonly sessionId: string | null;
  readonly turnId: string | null;
  readonly toolUseId: string | null;
  readonly cwd: string | null;
  readonly repo: RepoInfo | null;
  readonly tier: string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly policyRevision: string | null;
  readonly latencyMs: number;
}

/** One line of the spool: a draft plus its place in the device's hash chain. */
export interface SpoolRecordV1 extends SpoolRecordDraft {
  readonly v: 1;
  readonly deviceId: string;
  /** 1, 2, 3… per device, no gaps. */
  readonly seq: number;
  /** The previous record's `hash`; null for the device's first record. */
  readonly prevHash: string | null;
  /** sha256 (hex) of the canonical JSON of this record without `hash`. */
  readonly hash: string;
}

/**
 * The hash a record must carry: sha256 over the canonical JSON of everything but `hash`. `sha256`
 * computes the hex digest of a string's UTF-8 bytes: a server checking thousands of records a
 * second passes `node:crypto`'s (several times faster once loaded); the default needs no module.
 */
export function hashSpoolRecord(
  record: Omit<SpoolRecordV1, "hash"> | SpoolRecordV1,
  sha256: (text: string) => string = sha256Hex,
): string {
  const { hash: _ignored, ...rest } = record as SpoolRecordV1;
  return sha256(canonicalJson(rest));
}

/** Seals a draft as record `seq` after `prevHash`. */
export function sealSpoolRecord(
  draft: SpoolRecordDraft,
  chain: { deviceId: string; seq: number; prevHash: string | null },
): SpoolRecordV1 {
  const unsealed = { v: 1 as const, ...draft, deviceId: chain.deviceId, seq: chain.seq, prevHash: chain.prevHash };
  return { ...unsealed, hash: hashSpoolRecord(unsealed) };
}
