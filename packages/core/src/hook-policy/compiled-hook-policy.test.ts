import { describe, expect, expectTypeOf, it } from "vitest";
import * as wire from "../../../protocol/src/hook-policy-v1.ts";
import * as core from "./compiled-hook-policy.ts";
import type { HOOK_DECISIONS } from "./hook-decision.ts";
import type { HOOK_POLICY_EVENTS } from "./hook-policy-event.ts";

// core keeps a structural copy of the protocol type (neither package may import the other).
describe("CompiledHookPolicyV1 in core and in @warden/protocol", () => {
  it("are the same type", () => {
    expectTypeOf<core.CompiledHookPolicyV1>().toEqualTypeOf<wire.CompiledHookPolicyV1>();
    expectTypeOf<core.CompiledHookRuleV1>().toEqualTypeOf<wire.CompiledHookRuleV1>();
    expectTypeOf<core.CompiledHookTierV1>().toEqualTypeOf<wire.CompiledHookTierV1>();
    expect(core.HOOK_POLICY_SCHEMA_V1).toBe(wire.HOOK_POLICY_SCHEMA_V1);
  });

  it("name the same events and decisions as the compiler", () => {
    expectTypeOf<(typeof HOOK_POLICY_EVENTS)[number]>().toEqualTypeOf<wire.HookPolicyEventV1>();
    expectTypeOf<(typeof HOOK_DECISIONS)[number]>().toEqualTypeOf<wire.HookPolicyDecisionV1>();
  });
});
