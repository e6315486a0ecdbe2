import {
  type HookEventInput,
  type HookResponse,
  type HookVerdict,
  redactJson,
  redactSecrets,
  type SpoolRecordDraft,
} from "@warden/core/hook-runtime";
import type { HookDecision, HookHost } from "./decide-hook-event.ts";

/** Records keep inputs up to this size (after redaction); larger ones keep a preview. */
export const MAX_RECORDED_INPUT_CHARS = 64 * 1024;
const PREVIEW_CHARS = 4096;

/** The part of an event worth auditing, redacted: the tool input, or the prompt. */
export function recordedInput(event: HookEventInput): unknown {
  let input: unknown = null;
  if (event.toolName !== null) input = redactJson(event.toolInput).value;
  else if (event.prompt !== null) input = { prompt: redactSecrets(event.prompt).text };
  const text = JSON.stringify(input) ?? "null";
  if (text.length <= MAX_RECORDED_INPUT_CHARS) return input;
  return { truncated: true, chars: text.length, preview: text.slice(0, PREVIEW_CHARS) };
}

/** Whether a response stops what the event was about (any output, or exit 2). */
export function responseBlocks(response: HookResponse): boolean {
  return response.exitCode === 2 || response.stdout !== "";
}

function recordedDecision(verdict: HookVerdict | null, response: HookResponse): SpoolRecordDraft["decision"] {
  if (verdict === null) return responseBlocks(response) ? "deny" : "allow";
  return verdict.decision === "approve" ? "allow" : verdict.decision;
}

/**
 * The spool record for one decision. A verdict is recorded as the policy gave it; a failure as
 * what was answered (`deny` when the answer blocked, `allow` when the call went ahead).
 */
export function buildSpoolDraft(
  decision: HookDecision,
  response: HookResponse,
  host: HookHost,
  time: Date,
  latencyMs: number,
): SpoolRecordDraft {
  const event = typeof decision.event === "object" ? decision.event : null;
  const outcome = decision.outcome;
  const verdict = "failure" in outcome ? null : outcome;
  return {
    time: time.toISOString(),
    event: event?.name ?? (typeof decision.event === "string" ? decision.event : null),
    tool: event?.toolName ?? null,
    input: event === null ? null : recordedInput(event),
    decision: recordedDecision(verdict, response),
    ruleId: verdict?.ruleId ?? null,
    reason: verdict?.reason ?? (outcome as { failure: string }).failure,
    failure: decision.failureCode,
    sessionId: event?.sessionId ?? null,
    turnId: event?.turnId ?? null,
    toolUseId: event?.toolUseId ?? null,
    cwd: event?.cwd ?? null,
    repo: decision.repo,
    tier: decision.tier,
    user: host.user,
    host: host.host,
    policyRevision: decision.policy?.revision ?? null,
    latencyMs: Math.round(latencyMs * 10) / 10,
  };
}
