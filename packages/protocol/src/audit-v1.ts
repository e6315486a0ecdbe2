/**
 * Wire types of the audit API: the spool record a device ships, the ingest request and answer,
 * and the query and findings pages.
 * @module
 */

/** The git repository a call ran in, as the hook detected it. */
export interface AuditRepoV1 {
  readonly root: string;
  readonly remoteUrl: string | null;
  readonly branch: string | null;
}

/** One audit event exactly as the hook wrote it to the spool (one JSON line of `events-<date>.jsonl`). */
export interface AuditEventV1 {
  readonly v: 1;
  readonly deviceId: string;
  /** 1, 2, 3… per device. */
  readonly seq: number;
  /** The previous record's `hash`; null for the device's first record. */
  readonly prevHash: string | null;
  /** sha256 (hex) of the canonical JSON of this record without `hash`. */
  readonly hash: string;
  readonly time: string;
  readonly event: string | null;
  readonly tool: string | null;
  readonly input: unknown;
  readonly decision: "allow" | "log" | "deny";
  readonly ruleId: string | null;
  readonly reason: string;
  readonly failure: string | null;
  readonly sessionId: string | null;
  readonly turnId: string | null;
  readonly toolUseId: string | null;
  readonly cwd: string | null;
  readonly repo: AuditRepoV1 | null;
  readonly tier: string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly policyRevision: string | null;
  readonly latencyMs: number;
}

/** The most events one `POST /v1/audit/events` may carry. */
export const MAX_AUDIT_BATCH = 500;

/** `POST /v1/audit/events`: records of one device, in any order. */
export interface AuditIngestRequestV1 {
  readonly events: AuditEventV1[];
}

/** A record the server refused for good (re-sending it cannot help); a finding says why. */
export interface AuditRejectedV1 {
  readonly seq: number;
  readonly reason: "hash_mismatch";
}

/** A problem in a device's chain: `gap` (seqs missing) or `break` (a bad link or a forged record). */
export interface AuditFindingV1 {
  readonly id: string;
  /** The enrolled device the chain is bound to (the one that shipped it), null if none is. */
  readonly deviceId: string | null;
  /** The audit chain (a spool's id: its records' own `deviceId`) the finding is about. */
  readonly chainId: string;
  readonly kind: "gap" | "break";
  readonly seq: number;
  readonly toSeq: number;
  readonly detail: string;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
}

/**
 * The answer to an ingest: `accepted` new events, `duplicates` already stored, `rejected` forged
 * ones (not stored), and the findings this batch opened. accepted + duplicates + rejected.length
 * is the batch size: every record of the batch is acknowledged.
 */
export interface AuditIngestResponseV1 {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: AuditRejectedV1[];
  readonly findings: AuditFindingV1[];
}

/** One stored event as `GET /v1/audit/events` returns it. */
export interface AuditEventRowV1 {
  readonly id: number;
  /**
   * The enrolled device the event's chain is bound to (the device that first shipped it, signed);
   * null for a chain only ever shipped with an API key.
   */
  readonly deviceId: string | null;
  /** The audit chain: the spool's id (`record.deviceId`). */
  readonly chainId: string;
  readonly seq: number;
  readonly time: string;
  readonly event: string | null;
  readonly tool: string | null;
  readonly decision: "allow" | "log" | "deny";
  readonly ruleId: string | null;
  readonly reason: string;
  readonly failure: string | null;
  readonly repository: string | null;
  readonly tier: string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly policyRevision: string | null;
  readonly receivedAt: string;
  readonly record: AuditEventV1;
}

/** A page of `GET /v1/audit/events` (newest first) or `GET /v1/audit/findings`. */
export interface AuditPageV1<T> {
  readonly data: T[];
  readonly nextCursor: string | null;
}
