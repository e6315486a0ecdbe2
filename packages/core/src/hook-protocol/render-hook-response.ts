import type { HookEventInput, HookEventName } from "./hook-event-input.ts";

/**
 * What Warden decided for one event. `allow` and `log` print nothing; `approve` exists for a
 * PermissionRequest a rule explicitly auto-approves (elsewhere it is the same as allow).
 */
export interface HookVerdict {
  readonly decision: "allow" | "log" | "deny" | "approve";
  readonly ruleId: string | null;
  readonly reason: string;
}

/** The hook could not decide (bad stdin, no usable policy, the spool failed, a bug…). */
export interface HookFailure {
  readonly failure: string;
  /** True: answer with the event's deny form; false: let the call proceed and say why on stderr. */
  readonly failClosed: boolean;
}

/** Exactly what the hook process prints and how it exits. */
export interface HookResponse {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 2;
}

/**
 * How each event can say "no" (hooks-execpolicy-spec §1.9). Every output schema rejects unknown
 * keys, so each form is the minimal object Codex 0.169.0 accepts:
 * - `pre-tool-use`: `hookSpecificOutput.permissionDecision = "deny"`, the tool does not run;
 * - `permission-request`: `hookSpecificOutput.decision.behavior = "deny"`, the approval is refused;
 * - `decision-block`: `{decision:"block", reason}` (PostToolUse replaces the output the model sees,
 *   UserPromptSubmit drops the prompt);
 * - `stop-block`: the same object, but it makes Codex continue the turn, so it is never sent on a
 *   re-entry (`stop_hook_active`) and never for a failure: stopping is already the safe direction;
 * - `continue-false`: `{continue:false, stopReason}` (SessionStart stops its start turn, PreCompact
 *   stops the compaction);
 * - `system-message`: the event cannot be stopped; the user sees the reason as a warning;
 * - `none`: SessionEnd has no output schema at all.
 */
export type DenyForm =
  | "pre-tool-use"
  | "permission-request"
  | "decision-block"
  | "stop-block"
  | "continue-false"
  | "system-message"
  | "none";

/** The deny form per event. */
export const DENY_FORMS: Record<HookEventName, DenyForm> = {
  PreToolUse: "pre-tool-use",
  PermissionRequest: "permission-request",
  PostToolUse: "decision-block",
  UserPromptSubmit: "decision-block",
  Stop: "stop-block",
  SubagentStop: "stop-block",
  SessionStart: "continue-false",
  PreCompact: "continue-false",
  SubagentStart: "system-message",
  PostCompact: "system-message",
  Interrupt: "system-message",
  SessionEnd: "none",
};

// Reasons are shown to the model and the user; a runaway policy text must not flood either.
const MAX_REASON_CHARS = 2000;

function clip(text: string): string {
  const oneLine = text.trim();
  return oneLine.length > MAX_REASON_CHARS ? `${oneLine.slice(0, MAX_REASON_CHARS - 1)}…` : oneLine;
}

/** The reason Codex shows for a deny: it names the rule, so people can find it in the policy. */
export function denyReason(verdict: HookVerdict): string {
  const reason = verdict.reason.trim() === "" ? "denied" : verdict.reason;
  return clip(
    verdict.ruleId === null
      ? `Blocked by Warden policy: ${reason}`
      : `Blocked by Warden policy rule ${verdict.ruleId}: ${reason}`,
  );
}

/** The reason Codex shows when a failure is turned into a deny. */
export function failureReason(failure: HookFailure): string {
  return clip(`Blocked by Warden: ${failure.failure} (the hook policy fails closed)`);
}

function json(value: unknown): HookResponse {
  return { stdout: `${JSON.stringify(value)}\n`, stderr: "", exitCode: 0 };
}

const NOTHING: HookResponse = { stdout: "", stderr: "", exitCode: 0 };

function denyAs(form: DenyForm, name: HookEventName, reason: string): HookResponse {
  switch (form) {
    case "pre-tool-use":
      return json({
        hookSpecificOutput: { hookEventName: name, permissionDecision: "deny", permissionDecisionReason: reason },
      });
    case "permission-request":
      return json({ hookSpecificOutput: { hookEventName: name, decision: { behavior: "deny", message: reason } } });
    case "decision-block":
    case "stop-block":
      return json({ decision: "block", reason });
    case "continue-false":
      return json({ continue: false, stopReason: reason });
    case "system-message":
      return json({ systemMessage: reason });
    case "none":
      return NOTHING;
  }
}

/**
 * Renders Warden's answer for one event in the exact form Codex 0.169.0 accepts (§1.9). `event`
 * is null when stdin named no known event: then a deny can only be exit 2 with the reason on
 * stderr, which is the blocking form of every event that can block.
 */
export function renderHookResponse(
  event: HookEventInput | HookEventName | null,
  outcome: HookVerdict | HookFailure,
): HookResponse {
  const name = typeof event === "string" ? event : (event?.name ?? null);
  const stopHookActive = typeof event === "object" && event !== null && event.stopHookActive;
  if ("failure" in outcome) {
    if (!outcome.failClosed) {
      return {
        stdout: "",
        stderr: `warden hook: ${clip(outcome.failure)}; allowed (the hook policy fails open)\n`,
        exitCode: 0,
      };
    }
    const reason = failureReason(outcome);
    if (name === null) return { stdout: "", stderr: `${reason}\n`, exitCode: 2 };
    if (DENY_FORMS[name] === "stop-block") return { ...NOTHING, stderr: `warden hook: ${reason}\n` };
    return denyAs(DENY_FORMS[name], name, reason);
  }
  if (outcome.decision === "approve" && name === "PermissionRequest") {
    return json({ hookSpecificOutput: { hookEventName: name, decision: { behavior: "allow" } } });
  }
  if (outcome.decision !== "deny") return NOTHING;
  const reason = denyReason(outcome);
  if (name === null) return { stdout: "", stderr: `${reason}\n`, exitCode: 2 };
  if (DENY_FORMS[name] === "stop-block" && stopHookActive) return NOTHING;
  return denyAs(DENY_FORMS[name], name, reason);
}
