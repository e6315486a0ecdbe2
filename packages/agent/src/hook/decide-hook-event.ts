import {
  type CompiledHookPolicyV1,
  evaluateToolCall,
  type HookEventInput,
  type HookEventName,
  type HookFailure,
  type HookVerdict,
  isHookPolicyEvent,
  parseHookEvent,
  type RepoInfo,
  redactSecrets,
} from "@warden/core/hook-runtime";
import { detectRepo } from "./detect-repo.ts";
import type { PolicyLoad } from "./load-hook-policy.ts";
import type { StdinRead } from "./read-stdin.ts";

/** Who and where the call runs (the evaluator matches rules on them). */
export interface HookHost {
  readonly user: string | null;
  readonly host: string | null;
  /** For `~/…` path globs. */
  readonly home: string | null;
}

/** What the hook decided for one stdin, with what the record needs besides the event. */
export interface HookDecision {
  /** The parsed event, the event name when only that was readable, or null. */
  readonly event: HookEventInput | HookEventName | null;
  readonly outcome: HookVerdict | HookFailure;
  /** A stable code when the hook could not decide normally. */
  readonly failureCode: string | null;
  readonly failClosed: boolean;
  readonly policy: CompiledHookPolicyV1 | null;
  readonly repo: RepoInfo | null;
  readonly tier: string | null;
}

/** A failure message as safe to show and record: no secret survives, whatever produced it. */
export function safeMessage(message: string): string {
  return redactSecrets(message).text;
}

function failed(
  event: HookDecision["event"],
  code: string,
  message: string,
  failClosed: boolean,
  policy: CompiledHookPolicyV1 | null,
): HookDecision {
  const outcome: HookFailure = { failure: safeMessage(message), failClosed };
  return { event, outcome, failureCode: code, failClosed, policy, repo: null, tier: null };
}

/**
 * Decides one event from what stdin gave and the policy load: a verdict from the policy, or a
 * failure that fails closed unless an authentic policy says otherwise. Never throws: a throw
 * from the evaluator is an `internal` failure for this event.
 */
export function decideHookEvent(stdin: StdinRead | null, load: PolicyLoad, host: HookHost): HookDecision {
  const policy = "policy" in load ? load.policy : null;
  const failClosed = policy?.failClosed ?? ("failure" in load ? load.failure.failClosed : true);
  if (stdin === null) return failed(null, "stdin_timeout", "stdin was not closed in time", failClosed, policy);
  if ("unreadable" in stdin) {
    return failed(null, "stdin_unreadable", `stdin cannot be read (${stdin.unreadable})`, failClosed, policy);
  }
  if ("tooLarge" in stdin) {
    const message = `the event on stdin is ${stdin.tooLarge} bytes, over the hook's limit`;
    return failed(null, "stdin_too_large", message, failClosed, policy);
  }
  const parsed = parseHookEvent(stdin.text);
  if ("error" in parsed) {
    const { code, message, event } = parsed.error;
    return failed(event, `stdin_${code}`, message, failClosed, policy);
  }
  const event = parsed.event;
  if ("failure" in load) return failed(event, load.failure.code, load.failure.message, failClosed, null);
  const repo = detectRepo(event.cwd);
  if (!isHookPolicyEvent(event.name)) {
    const outcome: HookVerdict = {
      decision: "allow",
      ruleId: null,
      reason: `${event.name} is not governed by the policy`,
    };
    return { event, outcome, failureCode: null, failClosed, policy, repo, tier: null };
  }
  let result: ReturnType<typeof evaluateToolCall>;
  try {
    result = evaluateToolCall(load.policy, {
      event: event.name,
      toolName: event.toolName,
      toolInput: event.toolInput,
      prompt: event.prompt,
      cwd: event.cwd,
      repo,
      user: host.user,
      host: host.host,
      home: host.home,
    });
  } catch (error) {
    return failed(event, "internal", `internal error: ${(error as Error).message}`, failClosed, policy);
  }
  // A default's or unanalysable explanation can quote the command, secrets and all.
  const outcome: HookVerdict = { decision: result.decision, ruleId: result.ruleId, reason: safeMessage(result.reason) };
  return { event, outcome, failureCode: null, failClosed, policy, repo, tier: result.tier };
}
