import type { AuditEventV1 } from "@warden/protocol";
import { MAX_AUDIT_BATCH } from "@warden/protocol";
import { array, integer, nullable, object, oneOf, type Schema, string } from "./schema.ts";

/** A finite number (the hook's `latencyMs` is fractional). */
function finiteNumber(): Schema<number> {
  return {
    json: { type: "number" },
    check(value, path, issues) {
      if (typeof value !== "number" || !Number.isFinite(value))
        issues.push({ path, message: `expected a number, got ${JSON.stringify(value) ?? typeof value}` });
      return value as number;
    },
  };
}

/** Any JSON value (the redacted tool input), bounded only by the body limit. */
function anyJson(): Schema<unknown> {
  return { json: {}, check: (value) => value };
}

/** The record format version, the number 1. */
function versionOne(): Schema<1> {
  return {
    json: { type: "integer", enum: [1] },
    check(value, path, issues) {
      if (value !== 1)
        issues.push({ path, message: `expected 1 (the record format version), got ${JSON.stringify(value)}` });
      return 1;
    },
  };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const text = nullable(string({ maxLength: 4096 }));

/** One spool record (`AuditEventV1`): every field required, no unknown fields. */
export const AUDIT_EVENT_SCHEMA: Schema<AuditEventV1> = object({
  v: versionOne(),
  deviceId: string({ minLength: 1, maxLength: 200 }),
  seq: integer({ minimum: 1 }),
  prevHash: nullable(string({ pattern: HEX_HASH })),
  hash: string({ pattern: HEX_HASH }),
  time: string({ pattern: ISO_TIME }),
  event: text,
  tool: text,
  input: anyJson(),
  decision: oneOf(["allow", "log", "deny"]),
  ruleId: text,
  reason: string({ maxLength: 65_536 }),
  failure: text,
  sessionId: text,
  turnId: text,
  toolUseId: text,
  cwd: text,
  repo: nullable(object({ root: string({ maxLength: 4096 }), remoteUrl: text, branch: text })),
  tier: text,
  user: text,
  host: text,
  policyRevision: text,
  latencyMs: finiteNumber(),
}) as Schema<AuditEventV1>;

/** The body of `POST /v1/audit/events`. */
export const AUDIT_INGEST_SCHEMA = object({
  events: array(AUDIT_EVENT_SCHEMA, { maxItems: MAX_AUDIT_BATCH }),
});
