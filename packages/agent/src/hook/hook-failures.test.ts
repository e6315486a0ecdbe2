import { generateKeyPairSync, sign } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  DENY_PUSH,
  hookEvent,
  readSpool,
  runHookBundle,
  TEST_POLICY,
  useHookFixture,
  writePolicy,
} from "./hook-harness.test-support.ts";

const fx = useHookFixture(TEST_POLICY);
const hook = (stdin: string | Buffer, ...extra: string[]) =>
  runHookBundle(fx.bundle, stdin, ["--policy", fx.policy, "--spool-dir", fx.spool, ...extra]);

describe("bad input and broken policies (fail_closed = true)", () => {
  const BLOCK_TEXT = (why: string) => `Blocked by Warden: ${why} (the hook policy fails closed)`;
  const preToolDeny = (why: string) =>
    `${JSON.stringify({ hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: BLOCK_TEXT(why) } })}\n`;

  it.each([
    ["empty stdin", "", "stdin_empty", "stdin is empty"],
    [
      "invalid JSON",
      '{"hook_event_name":',
      "stdin_invalid_json",
      "stdin is not valid JSON: Unexpected end of JSON input",
    ],
    ["a JSON array", "[]", "stdin_not_object", "stdin is an array, not a JSON object"],
    [
      "an unknown event",
      '{"hook_event_name":"StopFailure"}',
      "stdin_unknown_event",
      'unknown hook event "StopFailure"',
    ],
  ])("%s: exit 2 with the reason on stderr (no event to answer in)", (_name, stdin, failure, why) => {
    const run = hook(stdin);
    expect(run).toEqual({ status: 2, stdout: "", stderr: `${BLOCK_TEXT(why)}\n` });
    expect(readSpool(fx.spool)[0]).toMatchObject({ event: null, decision: "deny", failure });
  });

  it("a 10 MB stdin is drained, not parsed, and denied", () => {
    const run = hook(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Blocked by Warden: the event on stdin is 10485760 bytes, over the hook's limit/);
    expect(readSpool(fx.spool)[0]).toMatchObject({ failure: "stdin_too_large" });
  });

  it("a missing field: the event's own deny form", () => {
    const run = hook(hookEvent({ tool_use_id: undefined }));
    expect(run).toEqual({ status: 0, stdout: preToolDeny("PreToolUse: missing field `tool_use_id`"), stderr: "" });
    expect(readSpool(fx.spool)[0]).toMatchObject({ event: "PreToolUse", failure: "stdin_missing_field" });
  });

  it("a policy replaced by garbage fails closed", () => {
    writeFileSync(fx.policy, "\u0000garbage");
    const run = hook(hookEvent());
    expect(run.stdout).toBe(preToolDeny(`the hook policy ${fx.policy} is not valid JSON`));
    expect(readSpool(fx.spool)[0]).toMatchObject({ decision: "deny", failure: "policy_corrupt", policyRevision: null });
  });

  it("a missing policy fails closed", () => {
    const run = runHookBundle(fx.bundle, hookEvent(), ["--policy", join(fx.dir, "none.json"), "--spool-dir", fx.spool]);
    expect(run.stdout).toContain("does not exist (the hook policy fails closed)");
    expect(readSpool(fx.spool)[0]).toMatchObject({ failure: "policy_missing" });
  });

  it("an expired policy fails the way it says", () => {
    const past = new Date(Date.now() - 7 * 86_400_000);
    const expiring = (failClosed: boolean) =>
      writePolicy(
        fx.dir,
        `version = 1\ndefault = "allow"\nfail_closed = ${failClosed}\nexpires_at = ${new Date(past.getTime() + 86_400_000).toISOString()}\n`,
        past,
        `expired-${failClosed}.json`,
      );
    const closed = runHookBundle(fx.bundle, hookEvent(), ["--policy", expiring(true), "--spool-dir", fx.spool]);
    expect(closed.stdout).toMatch(/"permissionDecision":"deny".*is expired: it expired at/);
    const open = runHookBundle(fx.bundle, hookEvent(), ["--policy", expiring(false), "--spool-dir", fx.spool]);
    expect(open.status).toBe(0);
    expect(open.stdout).toBe("");
    expect(open.stderr).toMatch(/is expired: .*; allowed \(the hook policy fails open\)\n$/);
    expect(readSpool(fx.spool).map((r) => [r.decision, r.failure])).toEqual([
      ["deny", "policy_expired"],
      ["allow", "policy_expired"],
    ]);
  });

  describe("signatures", () => {
    const keys = generateKeyPairSync("ed25519");
    let publicKey: string;
    beforeEach(() => {
      publicKey = join(fx.dir, "hook-policy.pub");
      writeFileSync(publicKey, keys.publicKey.export({ type: "spki", format: "pem" }));
    });
    const signWith = (privateKey: typeof keys.privateKey) => {
      writeFileSync(`${fx.policy}.sig`, sign(null, readFileSync(fx.policy), privateKey).toString("base64"));
    };

    it("a valid signature verifies", () => {
      signWith(keys.privateKey);
      expect(hook(hookEvent({ tool_input: { command: "git push --force" } }), "--public-key", publicKey).stdout).toBe(
        DENY_PUSH,
      );
    });

    it("a signature by another key fails closed", () => {
      signWith(generateKeyPairSync("ed25519").privateKey);
      const run = hook(hookEvent(), "--public-key", publicKey);
      expect(run.stdout).toContain("signature does not verify against the pinned key");
      expect(readSpool(fx.spool)[0]).toMatchObject({ failure: "signature_invalid" });
    });

    it("an edited policy fails closed even if it says fail_closed = false", () => {
      signWith(keys.privateKey);
      writeFileSync(fx.policy, readFileSync(fx.policy, "utf8").replace('"failClosed": true', '"failClosed": false'));
      expect(hook(hookEvent(), "--public-key", publicKey).stdout).toContain("(the hook policy fails closed)");
    });

    it("a missing signature fails closed", () => {
      expect(hook(hookEvent(), "--public-key", publicKey).stdout).toContain("the hook policy is not signed");
    });
  });
});

describe("fail_closed = false", () => {
  beforeEach(() => {
    fx.policy = writePolicy(fx.dir, TEST_POLICY.replace("fail_closed = true", "fail_closed = false"));
  });

  it.each([
    ["empty stdin", "", "stdin_empty"],
    ["invalid JSON", "{", "stdin_invalid_json"],
    ["a missing field", hookEvent({ cwd: undefined }), "stdin_missing_field"],
  ])("%s: allows, says why on stderr, records it", (_name, stdin, failure) => {
    const run = hook(stdin);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^warden hook: .*; allowed \(the hook policy fails open\)\n$/);
    expect(readSpool(fx.spool)[0]).toMatchObject({ decision: "allow", failure });
  });

  it("still denies what a rule denies", () => {
    expect(hook(hookEvent({ tool_input: { command: "git push --force" } })).stdout).toBe(DENY_PUSH);
  });
});
