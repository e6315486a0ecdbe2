import { describe, expect, it } from "vitest";
import { type GroupPolicyRule, resolvePolicyForUser } from "./resolve-group-policy.ts";

/** A policy as the control plane stores it: every file optional but requirements. */
interface TestPolicy {
  readonly name: string;
  readonly requirements: string;
  readonly managedConfig: string | null;
  readonly hookPolicy: string | null;
}

const eng: TestPolicy = { name: "eng", requirements: "r-eng", managedConfig: null, hookPolicy: null };
const sec: TestPolicy = { name: "sec", requirements: "r-sec", managedConfig: "m-sec", hookPolicy: "h-sec" };
const all: TestPolicy = { name: "all", requirements: "r-all", managedConfig: "m-all", hookPolicy: "h-all" };
const fallback: TestPolicy = { name: "default", requirements: "r-def", managedConfig: "m-def", hookPolicy: "h-def" };

const rules: GroupPolicyRule<TestPolicy>[] = [
  { groupId: "g-eng", policy: eng },
  { groupId: "g-sec", policy: sec },
  { groupId: "g-all", policy: all },
];

describe("resolvePolicyForUser", () => {
  it.each([
    { groups: ["g-eng"], rules, def: fallback, want: { source: "rule", ruleIndex: 0, name: "eng" } },
    { groups: ["g-sec", "g-eng"], rules, def: fallback, want: { source: "rule", ruleIndex: 0, name: "eng" } },
    { groups: ["g-all", "g-sec"], rules, def: fallback, want: { source: "rule", ruleIndex: 1, name: "sec" } },
    { groups: ["g-all"], rules, def: fallback, want: { source: "rule", ruleIndex: 2, name: "all" } },
    { groups: ["g-other"], rules, def: fallback, want: { source: "default", ruleIndex: null, name: "default" } },
    { groups: [], rules, def: fallback, want: { source: "default", ruleIndex: null, name: "default" } },
    { groups: ["g-other"], rules, def: null, want: { source: "none", ruleIndex: null, name: null } },
    { groups: ["g-eng"], rules: [], def: fallback, want: { source: "default", ruleIndex: null, name: "default" } },
    { groups: ["g-eng"], rules: [], def: null, want: { source: "none", ruleIndex: null, name: null } },
  ])("groups $groups with default $def.name → $want.source $want.name", ({ groups, rules, def, want }) => {
    const got = resolvePolicyForUser(groups, rules, def);
    expect(got.source).toBe(want.source);
    expect(got.source === "rule" ? got.ruleIndex : null).toBe(want.ruleIndex);
    expect(got.policy?.name ?? null).toBe(want.name);
  });

  it("takes the first matching policy whole: files it lacks are never filled from later rules or the default", () => {
    const got = resolvePolicyForUser(["g-eng", "g-sec", "g-all"], rules, fallback);
    expect(got.policy).toBe(eng);
    expect(got.policy).toEqual({ name: "eng", requirements: "r-eng", managedConfig: null, hookPolicy: null });
  });

  it("uses the earliest rule when one group appears in several rules", () => {
    const repeated: GroupPolicyRule<TestPolicy>[] = [
      { groupId: "g-sec", policy: sec },
      { groupId: "g-eng", policy: eng },
      { groupId: "g-sec", policy: all },
    ];
    expect(resolvePolicyForUser(new Set(["g-sec"]), repeated, null)).toEqual({
      source: "rule",
      ruleIndex: 0,
      groupId: "g-sec",
      policy: sec,
    });
  });
});
