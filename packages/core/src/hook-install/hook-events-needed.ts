import type { CompiledHookPolicyV1 } from "../hook-policy/compiled-hook-policy.ts";
import { HOOK_POLICY_EVENTS, type HookPolicyEvent } from "../hook-policy/hook-policy-event.ts";

/**
 * The Codex events `warden hook` must be registered for so that `policy` decides everything it
 * says: PreToolUse always, every event a rule names, and every event whose default is not allow.
 * In Codex's display order.
 */
export function hookEventsNeeded(policy: CompiledHookPolicyV1 | null): HookPolicyEvent[] {
  const needed = new Set<string>(["PreToolUse"]);
  for (const rule of policy?.rules ?? []) for (const event of rule.events) needed.add(event);
  for (const [event, decision] of Object.entries(policy?.eventDefaults ?? {})) {
    if (decision !== "allow") needed.add(event);
  }
  return HOOK_POLICY_EVENTS.filter((event) => needed.has(event));
}
