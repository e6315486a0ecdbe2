import type { SpoolRecordV1 } from "../../audit-chain/spool-record.ts";
import type { Page, PageRequest } from "./page.ts";

/** One stored audit event: a shipped spool record plus what the server added. */
export interface AuditEventRow {
  /** Server-assigned, increasing in insertion order. */
  readonly id: number;
  /**
   * The enrolled device the event's chain is bound to (the device that first shipped it, signed);
   * null for a chain only ever shipped with an API key.
   */
  readonly deviceId: string | null;
  /** The audit chain: the spool's id, the record's `deviceId`. */
  readonly chainId: string;
  readonly seq: number;
  readonly time: string;
  readonly event: string | null;
  readonly tool: string | null;
  readonly decision: "allow" | "log" | "deny";
  readonly ruleId: string | null;
  readonly reason: string;
  readonly failure: string | null;
  /** The repository's remote URL, else its root path, else null. */
  readonly repository: string | null;
  readonly tier: string | null;
  readonly user: string | null;
  readonly host: string | null;
  readonly policyRevision: string | null;
  readonly receivedAt: string;
  /** The whole record as the device sent it. */
  readonly record: SpoolRecordV1;
}

/** Filters of `GET /v1/audit/events`; all optional and combined with AND. */
export interface AuditEventFilter {
  /** Inclusive lower bound on `time` (ISO-8601). */
  readonly from?: string;
  /** Exclusive upper bound on `time` (ISO-8601). */
  readonly to?: string;
  readonly user?: string;
  /** The enrolled device: events of every chain bound to it. */
  readonly deviceId?: string;
  /** One audit chain (a spool's id), whichever device it is bound to. */
  readonly chainId?: string;
  readonly repository?: string;
  readonly tier?: string;
  readonly tool?: string;
  readonly decision?: "allow" | "log" | "deny";
  readonly ruleId?: string;
}

/** What an ingest batch did: events new to the store, and events it already held. */
export interface AuditInsertResult {
  readonly inserted: number;
  readonly duplicates: number;
  /** Findings opened by this batch. */
  readonly findings: AuditFindingRow[];
}

/**
 * A problem in a device's hash chain: `gap` (sequence numbers missing while later ones arrived;
 * resolved when they arrive) or `break` (a record whose `prevHash` is not its predecessor's hash).
 */
export interface AuditFindingRow {
  readonly id: string;
  /** The enrolled device the chain is bound to (the one that shipped it), null if none is. */
  readonly deviceId: string | null;
  /** The audit chain (a spool's id: its records' own `deviceId`) the finding is about. */
  readonly chainId: string;
  readonly kind: "gap" | "break";
  /** The first missing seq (gap) or the seq whose `prevHash` is wrong (break). */
  readonly seq: number;
  /** The last missing seq for a gap when it was found; equal to `seq` for a break. */
  readonly toSeq: number;
  readonly detail: string;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
}

/** How far a device's chain has been verified without gaps. */
export interface AuditChainHead {
  readonly deviceId: string;
  /** The highest seq such that 1…seq are all stored; 0 when seq 1 is missing. */
  readonly verifiedSeq: number;
  readonly verifiedHash: string | null;
}

/** Audit events (stored exactly once per device and seq) and chain findings. */
export interface AuditRepository {
  /**
   * Stores a device's records idempotently (a record whose device and seq are already stored is a
   * duplicate and is not changed), then advances the device's verified chain head and opens or
   * resolves findings. Batches may arrive out of order.
   */
  insertAuditEvents(deviceId: string, records: readonly SpoolRecordV1[]): Promise<AuditInsertResult>;
  /** Events newest first (`time` desc, then `id` desc), filtered, one page at a time. */
  queryAuditEvents(filter: AuditEventFilter, page?: PageRequest): Promise<Page<AuditEventRow>>;
  countAuditEvents(filter: AuditEventFilter): Promise<number>;
  getChainHead(deviceId: string): Promise<AuditChainHead | null>;
  /**
   * Records a `break` for a record the server refused (its `hash` does not match its content), so
   * the forgery is visible even though the record is not stored; idempotent on (device, seq).
   * Returns the finding when it is new, null when it was already recorded.
   */
  recordForgedRecord(deviceId: string, seq: number, detail: string): Promise<AuditFindingRow | null>;
  /**
   * Findings newest first: `deviceId` keeps those of the chains bound to that enrolled device,
   * `chainId` those of one chain, `open` only unresolved ones.
   */
  listAuditFindings(
    filter?: { deviceId?: string; chainId?: string; open?: boolean },
    page?: PageRequest,
  ): Promise<Page<AuditFindingRow>>;
}
