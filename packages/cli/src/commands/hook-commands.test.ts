import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.ts";
import { main } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-hook-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = resolve(import.meta.dirname, "../../../../bin/warden");

function file(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: { HOME: dir },
    cwd: dir,
  };
  const code = await main(argv, io);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  return { code, stdout, stderr };
}

const POLICY = `version = 1
default = "allow"
fail_closed = true

[[rules]]
id = "no-force-push"
decision = "deny"
reason = "force pushes rewrite shared history"
command = ["git", "push", ["--force", "-f"]]

[[rules]]
id = "audit-prompts"
decision = "log"
reason = "prompts are audited"
events = ["UserPromptSubmit"]
`;
file("policy.toml", POLICY);
file("broken.toml", 'version = 1\ndefault = "sometimes"\n');

describe("warden policy compile", () => {
  it("compiles to a file and says so", async () => {
    const result = await run("policy", "compile", "policy.toml", "-o", "out/policy.json");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^policy\.toml: compiled to out\/policy\.json \(2 rules, revision sha256:[0-9a-f]{64}\): 0 errors, 0 warnings\.\n$/,
    );
    const compiled = JSON.parse(readFileSync(join(dir, "out/policy.json"), "utf8"));
    expect(compiled).toMatchObject({ schema: "warden.hook-policy/v1", failClosed: true });
  });

  it("prints the policy on stdout without -o, the summary on stderr", async () => {
    const result = await run("policy", "compile", "policy.toml");
    expect(JSON.parse(result.stdout).rules).toHaveLength(2);
    expect(result.stderr).toMatch(/compiled \(2 rules/);
  });

  it("reports errors with positions and exits 1", async () => {
    const result = await run("policy", "compile", "broken.toml", "-o", "never.json");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /broken\.toml:2:11: default: unknown value `sometimes`.*\n {2}default = "sometimes"\n {12}\^/,
    );
    expect(result.stdout).toMatch(/broken\.toml: not compiled: \d+ errors?, 0 warnings\.\n$/);
    expect(existsSync(join(dir, "never.json"))).toBe(false);
  });

  it("--json prints one object", async () => {
    const result = await run("policy", "compile", "broken.toml", "--json");
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ file: "broken.toml", ok: false, policy: null, output: null });
    expect(report.errorCount).toBe(report.diagnostics.length);
  });
});

describe("warden hook install", () => {
  const etc = (name: string) => {
    mkdirSync(join(dir, name), { recursive: true });
    return join(dir, name);
  };
  // Never the real /var/lib/warden/spool.
  const install = (etcDir: string, ...argv: string[]) =>
    run("hook", "install", "--etc-dir", etcDir, "--spool-dir", join(etcDir, "spool"), ...argv);

  it("writes the policy and a [hooks] block for the events the policy needs", async () => {
    const etcDir = etc("etc1");
    const spool = join(etcDir, "spool");
    const result = await run(
      "hook",
      "install",
      "--etc-dir",
      etcDir,
      "--policy",
      "policy.toml",
      "--spool-dir",
      spool,
      "--json",
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const command = `${BIN} hook --policy ${etcDir}/warden/hook-policy.json --spool-dir ${spool} --daemon auto`;
    expect(existsSync(spool)).toBe(true);
    expect(report).toMatchObject({
      change: "created",
      events: ["PreToolUse", "PermissionRequest", "UserPromptSubmit"],
      command,
      managedDir: `${etcDir}/warden`,
    });
    const toml = readFileSync(join(etcDir, "requirements.toml"), "utf8");
    expect(toml).toContain(
      `[[hooks.UserPromptSubmit.hooks]]\ntype = "command"\ncommand = "${command}"\ntimeout = 10\n`,
    );
    expect(JSON.parse(readFileSync(join(etcDir, "warden/hook-policy.json"), "utf8")).revision).toBe(report.revision);
    // The result is what `warden validate` accepts.
    expect((await run("validate", join(etcDir, "requirements.toml"))).code).toBe(0);
  });

  it("leaves `--daemon auto` out of the command with --no-daemon", async () => {
    const etcDir = etc("etc-no-daemon");
    const spool = join(etcDir, "spool");
    const args = ["--etc-dir", etcDir, "--policy", "policy.toml", "--spool-dir", spool, "--no-daemon", "--json"];
    const result = await run("hook", "install", ...args);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).command).toBe(
      `${BIN} hook --policy ${etcDir}/warden/hook-policy.json --spool-dir ${spool}`,
    );
  });

  it("merges into an existing file, keeping its comments, and is idempotent", async () => {
    const etcDir = etc("etc2");
    const original =
      '# Fleet requirements (owned by IT)\nallowed_sandbox_modes = ["read-only", "workspace-write"] # keep\n';
    writeFileSync(join(etcDir, "requirements.toml"), original);
    const first = await run(
      "hook",
      "install",
      "--etc-dir",
      etcDir,
      "--events",
      "PreToolUse",
      "--command",
      "warden hook",
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("(added)");
    const text = readFileSync(join(etcDir, "requirements.toml"), "utf8");
    expect(text.startsWith(original)).toBe(true);
    const again = await run(
      "hook",
      "install",
      "--etc-dir",
      etcDir,
      "--events",
      "PreToolUse",
      "--command",
      "warden hook",
    );
    expect(again.stdout).toContain("(unchanged)");
    expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(text);
  });

  it("refuses to replace someone else's managed hooks without --force", async () => {
    const etcDir = etc("etc3");
    const theirs =
      '[hooks]\nmanaged_dir = "/opt/guard"\n[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "python3 /opt/guard/pre.py"\n';
    writeFileSync(join(etcDir, "requirements.toml"), theirs);
    const refused = await install(etcDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /already has a \[hooks\] configuration that does not run `warden hook`; rerun with --force/,
    );
    expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).toBe(theirs);
    const forced = await install(etcDir, "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(etcDir, "requirements.toml"), "utf8")).not.toContain("/opt/guard/pre.py");
  });

  it("refuses a policy that does not compile, writing nothing", async () => {
    const etcDir = etc("etc4");
    const result = await install(etcDir, "--policy", "broken.toml");
    expect(result.code).toBe(1);
    expect(existsSync(join(etcDir, "requirements.toml"))).toBe(false);
  });

  it("rejects an unknown event", async () => {
    expect((await install(etc("etc5"), "--events", "PreCompact")).code).toBe(2);
  });
});

describe("warden check", () => {
  it("explains a deny: rule, simple commands and the exact answer Codex gets", async () => {
    const result = await run("check", "--policy", "policy.toml", "--command", "cd /x && git push -f origin main");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Decision: deny (rule no-force-push)\nReason:   force pushes rewrite shared history\n",
    );
    expect(result.stdout).toContain("Simple commands:\n  1. cd /x\n  2. git push -f origin main\n");
    expect(result.stdout).toContain(
      'Codex receives:\n  stdout: {"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny",',
    );
  });

  it("an allow exits 0 and Codex receives nothing", async () => {
    const result = await run("check", "--policy", "policy.toml", "--command", "git status");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Decision: allow (policy default)");
    expect(result.stdout).toContain("Codex receives:\n  nothing (exit 0): the call goes ahead\n");
  });

  it("--json has the verdict and the analysis", async () => {
    const result = await run("check", "--policy", "policy.toml", "--command", "git push --force", "--json");
    expect(JSON.parse(result.stdout)).toMatchObject({
      decision: "deny",
      ruleId: "no-force-push",
      matched: [{ ruleId: "no-force-push", decision: "deny" }],
      commands: [{ argv: ["git", "push", "--force"] }],
      codexReceives: { exitCode: 0 },
    });
  });

  it("checks a prompt", async () => {
    const result = await run(
      "check",
      "--policy",
      "policy.toml",
      "--event",
      "UserPromptSubmit",
      "--prompt",
      "hello",
      "--json",
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: "log", ruleId: "audit-prompts", tool: null });
  });

  it("usage errors exit 2", async () => {
    expect((await run("check", "--policy", "policy.toml")).code).toBe(2);
    expect((await run("check", "--policy", "policy.toml", "--event", "Nope", "--command", "x")).code).toBe(2);
    expect((await run("check", "--policy", "missing.toml", "--command", "x")).code).toBe(2);
  });
});
