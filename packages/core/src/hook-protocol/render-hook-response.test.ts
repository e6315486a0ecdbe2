import { describe, expect, it } from "vitest";
import { HOOK_INPUT_EVENTS, type HookEventName } from "./hook-event-input.ts";
import { DENY_FORMS, type HookVerdict, renderHookResponse } from "./render-hook-response.ts";

const deny: HookVerdict = { decision: "deny", ruleId: "no-force-push", reason: "force pushes rewrite history" };
const R = "Blocked by Warden policy rule no-force-push: force pushes rewrite history";
const F = "Blocked by Warden: the hook policy is expired (the hook policy fails closed)";

describe("renderHookResponse", () => {
  it.each<[HookEventName, unknown]>([
    [
      "PreToolUse",
      { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: R } },
    ],
    [
      "PermissionRequest",
      { hookSpecificOutput: { hookEventName: "PermissionRequest", decision: { behavior: "deny", message: R } } },
    ],
    ["PostToolUse", { decision: "block", reason: R }],
    ["UserPromptSubmit", { decision: "block", reason: R }],
    ["Stop", { decision: "block", reason: R }],
    ["SubagentStop", { decision: "block", reason: R }],
    ["SessionStart", { continue: false, stopReason: R }],
    ["PreCompact", { continue: false, stopReason: R }],
    ["SubagentStart", { systemMessage: R }],
    ["PostCompact", { systemMessage: R }],
    ["Interrupt", { systemMessage: R }],
  ])("a %s deny prints exactly the accepted JSON", (event, expected) => {
    const response = renderHookResponse(event, deny);
    expect(response.exitCode).toBe(0);
    expect(response.stderr).toBe("");
    expect(response.stdout).toBe(`${JSON.stringify(expected)}\n`);
  });

  it("a SessionEnd deny prints nothing: the event has no output schema", () => {
    expect(renderHookResponse("SessionEnd", deny)).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("covers every event in the deny table", () => {
    expect(Object.keys(DENY_FORMS).sort()).toEqual([...HOOK_INPUT_EVENTS].sort());
  });

  it.each(HOOK_INPUT_EVENTS)("allow and log print nothing for %s", (event) => {
    for (const decision of ["allow", "log"] as const) {
      expect(renderHookResponse(event, { decision, ruleId: "r", reason: "fine" })).toEqual({
        stdout: "",
        stderr: "",
        exitCode: 0,
      });
    }
  });

  it("approves a PermissionRequest only for an explicit approve verdict", () => {
    const approve: HookVerdict = { decision: "approve", ruleId: "ok", reason: "" };
    expect(renderHookResponse("PermissionRequest", approve).stdout).toBe(
      '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}\n',
    );
    expect(renderHookResponse("PreToolUse", approve).stdout).toBe("");
  });

  it("names no rule when the deny comes from the policy default", () => {
    const response = renderHookResponse("UserPromptSubmit", { decision: "deny", ruleId: null, reason: " " });
    expect(JSON.parse(response.stdout)).toEqual({ decision: "block", reason: "Blocked by Warden policy: denied" });
  });

  it("clips a runaway reason", () => {
    const response = renderHookResponse("PostToolUse", { decision: "deny", ruleId: "r", reason: "x".repeat(5000) });
    expect(JSON.parse(response.stdout).reason.length).toBe(2000);
  });

  it("does not block a Stop re-entry, which would loop the turn", () => {
    const event = { name: "Stop", stopHookActive: true } as Parameters<typeof renderHookResponse>[0];
    expect(renderHookResponse(event, deny).stdout).toBe("");
  });

  describe("failures", () => {
    const closed = { failure: "the hook policy is expired", failClosed: true };
    const open = { failure: "the hook policy is expired", failClosed: false };

    it.each<[HookEventName, unknown]>([
      [
        "PreToolUse",
        {
          hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: F },
        },
      ],
      [
        "PermissionRequest",
        { hookSpecificOutput: { hookEventName: "PermissionRequest", decision: { behavior: "deny", message: F } } },
      ],
      ["PostToolUse", { decision: "block", reason: F }],
      ["UserPromptSubmit", { decision: "block", reason: F }],
      ["SessionStart", { continue: false, stopReason: F }],
    ])("fail closed on %s with the event's deny", (event, expected) => {
      expect(renderHookResponse(event, closed).stdout).toBe(`${JSON.stringify(expected)}\n`);
    });

    it("never blocks a Stop on a failure (that would continue the turn)", () => {
      const response = renderHookResponse("Stop", closed);
      expect(response.stdout).toBe("");
      expect(response.exitCode).toBe(0);
      expect(response.stderr).toContain(F);
    });

    it("answers an unknown event with exit 2 and the reason on stderr", () => {
      expect(renderHookResponse(null, closed)).toEqual({ stdout: "", stderr: `${F}\n`, exitCode: 2 });
      expect(renderHookResponse(null, deny)).toEqual({ stdout: "", stderr: `${R}\n`, exitCode: 2 });
    });

    it.each([...HOOK_INPUT_EVENTS, null])("fail open on %s prints nothing and says why on stderr", (event) => {
      const response = renderHookResponse(event, open);
      expect(response.stdout).toBe("");
      expect(response.exitCode).toBe(0);
      expect(response.stderr).toBe("warden hook: the hook policy is expired; allowed (the hook policy fails open)\n");
    });
  });
});
