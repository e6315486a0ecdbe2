/** One ordered group rule as the resolver sees it: members of `groupId` get `policy`. */
export interface GroupPolicyRule<P> {
  readonly groupId: string;
  readonly policy: P;
}

/** Which policy a user gets and why. */
export type GroupPolicyResolution<P> =
  | { readonly source: "rule"; readonly ruleIndex: number; readonly groupId: string; readonly policy: P }
  | { readonly source: "default"; readonly policy: P }
  | { readonly source: "none"; readonly policy: null };

/**
 * A user's policy: the policy of the FIRST rule whose group the user belongs to, taken whole and
 * never filled from later rules or the default; the default when no rule matches; else none.
 * This is the group assignment of Codex's single-policy cloud backend ("first matching rule, no
 * filling", ../shared/codex/requirements-spec.md §5.1), which Warden's group rules follow.
 */
export function resolvePolicyForUser<P>(
  userGroups: Iterable<string>,
  rules: readonly GroupPolicyRule<P>[],
  defaultPolicy: P | null,
): GroupPolicyResolution<P> {
  const groups = new Set(userGroups);
  for (const [ruleIndex, rule] of rules.entries()) {
    if (groups.has(rule.groupId)) return { source: "rule", ruleIndex, groupId: rule.groupId, policy: rule.policy };
  }
  return defaultPolicy === null ? { source: "none", policy: null } : { source: "default", policy: defaultPolicy };
}
