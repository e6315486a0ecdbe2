/** What the hook answers for a call: let it run, let it run and record it, or block it. */
export type HookDecision = "allow" | "log" | "deny";

/** Every decision, most permissive first. */
export const HOOK_DECISIONS: readonly HookDecision[] = ["allow", "log", "deny"];

/** Strictness of each decision: a higher rank wins (deny > log > allow). */
export const DECISION_RANK: Readonly<Record<HookDecision, number>> = { allow: 0, log: 1, deny: 2 };

/** The stricter of two decisions. */
export function stricterDecision(a: HookDecision, b: HookDecision): HookDecision {
  return DECISION_RANK[b] > DECISION_RANK[a] ? b : a;
}
