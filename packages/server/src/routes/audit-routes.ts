import { createHash } from "node:crypto";
import { type AuditEventFilter, type DeviceRow, hashSpoolRecord, type SpoolRecordV1 } from "@warden/core";
import type { AuditEventV1, AuditFindingV1, AuditIngestResponseV1, AuditRejectedV1 } from "@warden/protocol";
import { HttpError } from "../http-error.ts";
import { AUDIT_INGEST_SCHEMA } from "../schema/audit-event-schema.ts";
import { recordCheckIn } from "./device-check-in.ts";
import { PAGE_QUERY, readPageQuery } from "./paginate.ts";
import { defineRoute, ok, type QueryParameter, type ServerStore } from "./route.ts";

const DECISIONS = ["allow", "log", "deny"] as const;

// node:crypto's SHA-256 for the records' hash check: the core default is pure JS, for the hook.
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The equality filters of `GET /v1/audit/events`: query parameter → filter field. */
const EQUALITY_FILTERS = [
  ["user", "user", "only events of this user (the OS user the hook ran as)"],
  ["deviceId", "deviceId", "only events of this enrolled device (of every audit chain bound to it)"],
  ["chainId", "chainId", "only events of this audit chain (a spool's id: the records' own deviceId)"],
  ["repository", "repository", "only events in this repository (remote URL, else root path)"],
  ["tier", "tier", "only events at this trust tier"],
  ["tool", "tool", "only calls of this tool (Bash, Edit, mcp__server__tool…)"],
  ["rule", "ruleId", "only decisions made by this rule id"],
] as const;

const EVENTS_QUERY: readonly QueryParameter[] = [
  { name: "from", description: "only events at or after this ISO-8601 time", type: "string" },
  { name: "to", description: "only events before this ISO-8601 time", type: "string" },
  ...EQUALITY_FILTERS.map(([name, , description]) => ({ name, description, type: "string" as const })),
  { name: "decision", description: "only this decision: allow, log or deny", type: "string" },
  ...PAGE_QUERY,
];

function readTime(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new HttpError("invalid_request", `${name}: expected an ISO-8601 time, got ${JSON.stringify(value)}`, {
      [name]: value,
    });
  }
  return new Date(value).toISOString();
}

/** Reads the audit query's filters, refusing (400) a bad time or decision. */
export function readAuditFilter(query: URLSearchParams): AuditEventFilter {
  const filter: { -readonly [K in keyof AuditEventFilter]: AuditEventFilter[K] } = {};
  const from = readTime(query, "from");
  const to = readTime(query, "to");
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  for (const [name, field] of EQUALITY_FILTERS) {
    const value = query.get(name);
    if (value !== null) filter[field] = value;
  }
  const decision = query.get("decision");
  if (decision !== null) {
    if (!(DECISIONS as readonly string[]).includes(decision)) {
      throw new HttpError("invalid_request", `decision: expected one of ${DECISIONS.join(", ")}`, { decision });
    }
    filter.decision = decision as AuditEventFilter["decision"];
  }
  return filter;
}

/**
 * Binds the batch's audit chain (its records' `deviceId`, the spool's id) to the device that signed
 * the request, or refuses (403) a chain another device shipped first or one named after another
 * enrolled device: a device can only ship its own events.
 */
async function bindChainToSigner(store: ServerStore, signer: DeviceRow, chainId: string, now: Date): Promise<void> {
  let owner = await store.devices.getAuditChainDevice(chainId);
  if (owner === null) {
    if (chainId !== signer.id && (await store.devices.getDevice(chainId)) !== null) {
      throw new HttpError(
        "forbidden",
        `events: the records claim device ${chainId}, another enrolled device; a device can only ship its own events`,
        { deviceId: chainId, signedBy: signer.id },
      );
    }
    owner = await store.devices.bindAuditChain(chainId, signer.id, now.toISOString());
  }
  if (owner !== signer.id) {
    throw new HttpError(
      "forbidden",
      `events: the audit chain ${chainId} belongs to another enrolled device; a device can only ship its own events`,
      { deviceId: chainId, signedBy: signer.id },
    );
  }
}

const INGEST_ROUTE = defineRoute({
  method: "POST",
  path: "/v1/audit/events",
  summary:
    "Ship a batch of one device's spool records, signed by the enrolled device (or with an `audit:write` API key): stored once per (chain, seq), chain checked; a record whose hash does not match its content is refused and recorded as a `break` finding; records of a chain another device shipped are refused (403). A signed batch is a check-in (the device's lastSeenAt, written at most once a minute)",
  tag: "audit",
  permission: "audit:write",
  auth: "device-or-api-key",
  body: AUDIT_INGEST_SCHEMA,
  success: { status: 200, description: "{accepted, duplicates, rejected, findings}: every record is acknowledged" },
  async handle({ body, services, device }) {
    const events = body.events as AuditEventV1[];
    if (events.length === 0) {
      return ok({ accepted: 0, duplicates: 0, rejected: [], findings: [] } satisfies AuditIngestResponseV1);
    }
    const deviceId = events[0]!.deviceId;
    const other = events.find((event) => event.deviceId !== deviceId);
    if (other !== undefined) {
      throw new HttpError("invalid_request", "events: a batch carries the records of one device", {
        deviceIds: [deviceId, other.deviceId],
      });
    }
    if (device !== undefined) {
      const now = services.now();
      await recordCheckIn(services.store.devices, device, now);
      await bindChainToSigner(services.store, device, deviceId, now);
    }
    const intact: SpoolRecordV1[] = [];
    const rejected: AuditRejectedV1[] = [];
    for (const event of events as unknown as SpoolRecordV1[]) {
      if (hashSpoolRecord(event, sha256Hex) === event.hash) intact.push(event);
      else rejected.push({ seq: event.seq, reason: "hash_mismatch" });
    }
    const { audit } = services.store;
    const result = await audit.insertAuditEvents(deviceId, intact);
    const findings: AuditFindingV1[] = [...result.findings];
    for (const { seq } of rejected) {
      const finding = await audit.recordForgedRecord(
        deviceId,
        seq,
        `seq ${seq} refused: its hash does not match its content (edited after it was written)`,
      );
      if (finding !== null) findings.push(finding);
    }
    return ok({
      accepted: result.inserted,
      duplicates: result.duplicates,
      rejected,
      findings,
    } satisfies AuditIngestResponseV1);
  },
});

const QUERY_ROUTE = defineRoute({
  method: "GET",
  path: "/v1/audit/events",
  summary:
    "Audit events newest first, filtered by time range, user, device, audit chain, repository, tier, tool, decision and rule",
  tag: "audit",
  permission: "audit:read",
  query: EVENTS_QUERY,
  success: {
    status: 200,
    description:
      "a page of audit events {data, nextCursor}: each event's deviceId is the enrolled device its audit chain is bound to (null for a chain only shipped with an API key), chainId the chain (the spool's id, record.deviceId)",
  },
  async handle({ query, services }) {
    const filter = readAuditFilter(query);
    return ok(await services.store.audit.queryAuditEvents(filter, readPageQuery(query)));
  },
});

const FINDINGS_ROUTE = defineRoute({
  method: "GET",
  path: "/v1/audit/findings",
  summary: "Chain findings newest first: gaps (seqs missing) and breaks (bad links, forged records)",
  tag: "audit",
  permission: "audit:read",
  query: [
    { name: "deviceId", description: "only findings about the chains bound to this enrolled device", type: "string" },
    { name: "chainId", description: "only findings about this audit chain (a spool's id)", type: "string" },
    { name: "open", description: "true: only unresolved findings", type: "string" },
    ...PAGE_QUERY,
  ],
  success: { status: 200, description: "a page of findings {data, nextCursor}" },
  async handle({ query, services }) {
    const filter: { deviceId?: string; chainId?: string; open?: boolean } = {};
    const deviceId = query.get("deviceId");
    if (deviceId !== null) filter.deviceId = deviceId;
    const chainId = query.get("chainId");
    if (chainId !== null) filter.chainId = chainId;
    const open = query.get("open");
    if (open !== null && open !== "true" && open !== "false") {
      throw new HttpError("invalid_request", "open: expected true or false", { open });
    }
    if (open === "true") filter.open = true;
    return ok(await services.store.audit.listAuditFindings(filter, readPageQuery(query)));
  },
});

/** The audit routes: ingest from devices, query and findings for auditors. */
export const AUDIT_ROUTES = [INGEST_ROUTE, QUERY_ROUTE, FINDINGS_ROUTE];
