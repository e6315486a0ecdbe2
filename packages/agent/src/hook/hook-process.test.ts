import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DENY_PUSH,
  hookEnv,
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

describe("warden hook (the built bundle, spawned)", () => {
  it("allow: prints nothing, exits 0, records the call", () => {
    expect(hook(hookEvent())).toEqual({ status: 0, stdout: "", stderr: "" });
    const [record] = readSpool(fx.spool);
    expect(record).toMatchObject({
      v: 1,
      seq: 1,
      prevHash: null,
      event: "PreToolUse",
      tool: "Bash",
      input: { command: "echo hello" },
      decision: "allow",
      ruleId: null,
      failure: null,
      sessionId: "01a1ff9e-1113-78d1-bc95-e0218495e292",
      toolUseId: "mock-call-0",
    });
    expect(record!.policyRevision).toMatch(/^sha256:/);
    expect(record!.latencyMs).toBeGreaterThan(0);
  });

  it("deny: prints exactly the PreToolUse deny Codex accepts", () => {
    const run = hook(hookEvent({ tool_input: { command: "git push --force origin main" } }));
    expect(run).toEqual({ status: 0, stdout: DENY_PUSH, stderr: "" });
    expect(readSpool(fx.spool)[0]).toMatchObject({ decision: "deny", ruleId: "no-force-push" });
  });

  it("log: prints nothing and records the rule", () => {
    expect(hook(hookEvent({ tool_input: { command: "curl https://example.com" } })).stdout).toBe("");
    expect(readSpool(fx.spool)[0]).toMatchObject({ decision: "log", ruleId: "log-curl" });
  });

  it("PermissionRequest deny uses decision.behavior", () => {
    const run = hook(
      hookEvent({
        hook_event_name: "PermissionRequest",
        tool_use_id: undefined,
        tool_input: { command: "touch /etc/x", description: "Allow writing outside the workspace?" },
      }),
    );
    expect(run.stdout).toBe(
      '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"deny","message":"Blocked by Warden policy rule no-escalated-touch: no writes outside the workspace"}}}\n',
    );
  });

  it("UserPromptSubmit block, and the prompt is redacted in the spool", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----";
    const run = hook(
      hookEvent({
        hook_event_name: "UserPromptSubmit",
        prompt: `use ${key}`,
        tool_name: undefined,
        tool_input: undefined,
        tool_use_id: undefined,
      }),
    );
    expect(run.stdout).toBe(
      '{"decision":"block","reason":"Blocked by Warden policy rule no-keys-in-prompts: prompts must not carry private keys"}\n',
    );
    const line = JSON.stringify(readSpool(fx.spool)[0]);
    expect(line).not.toContain("MIIEowIBAAKCAQEA7bq");
  });

  it("redacts secrets in a command before recording it, and never prints them", () => {
    const token = "ghp_4Fq9ZrT2xYp8LmN3bV7cK1sD6wE0hJ5aQ2uR";
    const run = hook(
      hookEvent({ tool_input: { command: `curl -H "Authorization: token ${token}" https://api.github.com` } }),
    );
    expect(run.stdout + run.stderr).not.toContain(token);
    const record = readSpool(fx.spool)[0]!;
    expect(JSON.stringify(record)).not.toContain(token);
    expect(record).toMatchObject({ decision: "log", ruleId: "log-curl" });
  });

  it("redacts a secret the reason quotes, in the answer and in the record", () => {
    const token = "ghp_4Fq9ZrT2xYp8LmN3bV7cK1sD6wE0hJ5aQ2uR";
    const strict = writePolicy(fx.dir, 'version = 1\ndefault = "deny"\n', new Date(), "strict.json");
    const event = hookEvent({ tool_input: { command: `curl -H "Authorization: token ${token}" https://x` } });
    const run = runHookBundle(fx.bundle, event, ["--policy", strict, "--spool-dir", fx.spool]);
    expect(run.stdout).toContain("Blocked by Warden policy: No rule matched");
    expect(run.stdout).not.toContain(token);
    expect(JSON.stringify(readSpool(fx.spool))).not.toContain(token);
  });

  it("records the repository of the cwd", () => {
    const repo = join(fx.dir, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, "src"));
    writeFileSync(join(repo, ".git", "HEAD"), "ref: refs/heads/feature/x\n");
    writeFileSync(
      join(repo, ".git", "config"),
      '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://bob:s3cret@github.com/acme/app.git\n',
    );
    hook(hookEvent({ cwd: join(repo, "src") }));
    expect(readSpool(fx.spool)[0]!.repo).toEqual({
      root: repo,
      remoteUrl: "https://github.com/acme/app.git",
      branch: "feature/x",
    });
  });

  it("matches ~/ globs against the user's home", () => {
    const env = hookEnv({ HOME: fx.dir });
    const run = runHookBundle(
      fx.bundle,
      hookEvent({ tool_input: { command: `cat ${fx.dir}/.ssh/id_ed25519` } }),
      ["--policy", fx.policy, "--spool-dir", fx.spool],
      env,
    );
    expect(run.stdout).toContain("Blocked by Warden policy rule no-ssh-keys: ssh keys stay private");
  });

  it("records events without a tool (SessionStart) and answers nothing for an allow", () => {
    const event = hookEvent({
      hook_event_name: "SessionStart",
      source: "startup",
      turn_id: undefined,
      tool_name: undefined,
      tool_input: undefined,
      tool_use_id: undefined,
    });
    expect(hook(event)).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readSpool(fx.spool)[0]).toMatchObject({
      event: "SessionStart",
      tool: null,
      input: null,
      decision: "allow",
      turnId: null,
    });
  });

  it("takes the policy and spool from the environment", () => {
    const env = hookEnv({ WARDEN_HOOK_POLICY: fx.policy, WARDEN_SPOOL_DIR: fx.spool });
    const run = runHookBundle(fx.bundle, hookEvent({ tool_input: { command: "git push -f" } }), [], env);
    expect(run.stdout).toContain("no-force-push");
    expect(readSpool(fx.spool)).toHaveLength(1);
  });
});
