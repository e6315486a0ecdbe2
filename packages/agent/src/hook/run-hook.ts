import { hostname as osHostname, userInfo } from "node:os";
import { type HookResponse, renderHookResponse } from "@warden/core/hook-runtime";
import { appendSpoolRecord } from "../spool/append-spool-record.ts";
import { buildSpoolDraft, responseBlocks } from "./build-spool-draft.ts";
import { decideHookEvent, type HookDecision, type HookHost, safeMessage } from "./decide-hook-event.ts";
import { type HookOptions, parseHookOptions } from "./hook-options.ts";
import { loadHookPolicy, type PolicyLoad } from "./load-hook-policy.ts";
import { readWithin, type StdinRead } from "./read-stdin.ts";

/** What `runHook` needs from the process: injected so tests run it in-process. */
export interface HookProcess {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin: (maxBytes: number) => Promise<StdinRead>;
  /** Milliseconds since the process started (the record's latency). */
  readonly uptimeMs: () => number;
}

// The user from the uid, not $USER: Codex passes the user's environment on, and rules match users.
function currentUser(env: HookProcess["env"]): { user: string | null; home: string | null } {
  try {
    const info = userInfo();
    return { user: info.username, home: env.HOME || info.homedir };
  } catch {
    return { user: env.USER ?? env.LOGNAME ?? null, home: env.HOME ?? null }; // no passwd entry (containers)
  }
}

function currentHost(): string | null {
  try {
    return osHostname();
  } catch {
    return null;
  }
}

/**
 * Records the decision, then returns the answer. If it cannot be recorded, a fail-closed hook
 * denies (an unrecorded allow is what the spool exists to prevent); a fail-open hook lets the
 * answer stand and says why on stderr (Codex ignores a hook's stderr on exit 0).
 */
function recordThenAnswer(
  decision: HookDecision,
  options: HookOptions,
  host: HookHost,
  started: { time: Date; deadline: number },
  uptimeMs: () => number,
): HookResponse {
  const response = renderHookResponse(decision.event, decision.outcome);
  try {
    const draft = buildSpoolDraft(decision, response, host, started.time, uptimeMs());
    appendSpoolRecord(options.spoolDir, draft, Math.max(started.deadline, Date.now() + 100));
    return response;
  } catch (error) {
    const why = safeMessage(`the decision could not be recorded: ${(error as Error).message}`);
    if (decision.failClosed && !responseBlocks(response)) {
      return renderHookResponse(decision.event, { failure: why, failClosed: true });
    }
    return { ...response, stderr: `${response.stderr}warden hook: ${why}\n` };
  }
}

function loadSafely(options: HookOptions, now: Date): PolicyLoad {
  try {
    return loadHookPolicy(options, now);
  } catch (error) {
    const message = `the hook policy cannot be loaded: ${(error as Error).message}`;
    return { failure: { code: "policy_unreadable", message, failClosed: true } };
  }
}

/**
 * `warden hook`: reads one Codex hook event from stdin, decides it from the compiled policy,
 * appends the redacted decision to the spool (fsynced), and returns exactly what to print.
 * Every failure becomes a valid answer: a deny when failing closed, silence when failing open.
 * Stdin that is not closed before the deadline gets the failure answer (the watchdog).
 */
export async function runHook(process: HookProcess): Promise<HookResponse> {
  const time = new Date();
  const host: HookHost = { ...currentUser(process.env), host: currentHost() };
  const parsed = parseHookOptions(process.argv, process.env);
  if ("usage" in parsed) {
    // A broken hook command in requirements.toml: there is no policy and no spool to use.
    const stdin = await readWithin(process.readStdin(1024 * 1024), 2000);
    const failure = {
      code: "policy_unreadable" as const,
      message: `bad hook command: ${parsed.usage}`,
      failClosed: true,
    };
    const decision = decideHookEvent(stdin, { failure }, host);
    return renderHookResponse(decision.event, decision.outcome);
  }
  const options = parsed.options;
  const deadline = time.getTime() + options.deadlineMs;
  const pending = process.readStdin(options.maxStdinBytes); // polled between the steps below
  const load = loadSafely(options, time);
  const stdin = await readWithin(pending, deadline - Date.now());
  return recordThenAnswer(decideHookEvent(stdin, load, host), options, host, { time, deadline }, process.uptimeMs);
}
