// Proves Warden's managed hook against the REAL Codex CLI 0.169.0: `warden hook install` writes the
// policy and the `[hooks]` block, Codex (shown the etc dir as /etc/codex) runs `bin/warden hook`
// on every event, and a scripted mock model drives the tool calls. Each test is one `codex exec`
// turn (about 1–3 s); at most two run at once (WARDEN_E2E_CONCURRENCY). Needs root and the
// Codex binary from node_modules; otherwise the whole file is skipped with the reason in its name.
// docs/hook-coverage.md cites these tests by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifySpool } from "@warden/agent";
import type { SpoolRecordV1 } from "@warden/core/hook-runtime";
import { beforeAll, describe, it } from "vitest";
import { describeRun, e2eSkipReason, prepareE2e, runScenario, type ScenarioResult } from "./hook-e2e-harness.ts";
import type { ResponseItem } from "./scripted-model.ts";

const SKIP = e2eSkipReason();
if (SKIP !== null) console.warn(`test/e2e/hook-e2e.test.ts: all tests skipped — ${SKIP}`);
const TIMEOUT = 180_000; // a test may wait for a free slot before its own 1–3 s run

// ── Fake secrets, generated (no credential-shaped literal in the repository) ─────────────────────

function fakeSecrets(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const draw = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const b64url = (text: string) => Buffer.from(text).toString("base64url");
  return {
    github: () => `ghp_${draw(alnum, 36)}`,
    awsKeyId: () => `AKIA${draw("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`,
    jwt: () =>
      `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${draw("0123456789", 10)}"}`)}.${draw(`${alnum}-_`, 43)}`,
  };
}

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

const BLOCKED = "Command blocked by PreToolUse hook: ";
const records = (r: ScenarioResult, event: string) => r.spool.filter((record) => record.event === event);
const summary = (list: readonly SpoolRecordV1[]) => list.map((x) => `${x.event}:${x.tool}:${x.decision}:${x.ruleId}`);

/** What Codex sent the model back for its `index`-th tool call. */
function outputOf(r: ScenarioResult, index: number): string {
  return r.toolCalls[index]?.output ?? "<no call>";
}

/** The mock step that reads the session id out of a previous exec_command output (for write_stdin). */
const writeToSession = (chars: string) => (input: readonly ResponseItem[]) => {
  const outputs = input.filter((item) => item.type === "function_call_output").map((item) => String(item.output));
  const id = /session ID (\d+)/.exec(outputs.join("\n"))?.[1];
  return { session_id: Number(id ?? -1), chars, yield_time_ms: 10_000 }; // returns as soon as the shell exits
};

const NO_RM = `
[[rules]]
id = "no-rm"
decision = "deny"
reason = "no recursive deletes"
command = ["rm", ["-r", "-R", "-rf", "-fr"]]
`;

const LOG_EVERYTHING = `
[[rules]]
id = "log-all"
decision = "log"
reason = "every tool call is recorded"
tools = ".*"
`;

const NO_SECRETS_DIR = `
[[rules]]
id = "no-secrets-dir"
decision = "deny"
reason = "secrets/ is off limits"
paths = ["secrets/**"]
`;

const policy = (body: string, header = 'default = "allow"\nfail_closed = true') => `version = 1\n${header}\n${body}`;

// 1×1 transparent PNG
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe.skipIf(SKIP !== null)(`warden hook under the real Codex 0.169.0${SKIP ? ` — SKIPPED: ${SKIP}` : ""}`, () => {
  beforeAll(prepareE2e, 120_000);

  // (a) + (c): a denied command does not run, the model sees why; redirects, bash -c and $(…) do not hide it.
  it.concurrent(
    "deny: rm -r is blocked, plain or hidden behind a redirect, bash -c or $(…), and the model sees the reason",
    async ({ expect }) => {
      const r = await runScenario({
        policy: policy(NO_RM),
        script: {
          steps: [
            { shell: "rm -r build" },
            { shell: "rm -r build > /dev/null" },
            { shell: "bash -c 'rm -r build'" },
            { shell: "echo $(rm -r build)" },
            { shell: 'true && sh -c "cd . && rm -R build"' },
          ],
        },
      });
      const why = describeRun(r);
      expect(r.exitCode, why).toBe(0);
      expect(r.projectFiles, why).toContain("build/artifact.txt"); // nothing ran
      expect(r.toolCalls, why).toHaveLength(5);
      expect(r.toolCalls.map((c) => c.output)).toEqual(
        r.toolCalls.map(
          (c) => `${BLOCKED}Blocked by Warden policy rule no-rm: no recursive deletes. Command: ${c.arguments.cmd}`,
        ),
      );
      expect(r.hookLines.filter((line) => line === "PreToolUse Blocked")).toHaveLength(5);
      expect(summary(r.spool)).toEqual(Array(5).fill("PreToolUse:Bash:deny:no-rm"));
      expect(r.spool.map((x) => x.toolUseId)).toEqual(r.toolCalls.map((c) => c.callId));
    },
    TIMEOUT,
  );

  // (b): a `log` rule lets the command run and records it (also the control for the test above:
  // nothing but the hook stops `rm -r build` under approval `never`).
  it.concurrent(
    "log: a logged rm -r runs (build/ is gone) and is recorded with its rule",
    async ({ expect }) => {
      const r = await runScenario({
        policy: policy(NO_RM.replace('decision = "deny"', 'decision = "log"')),
        script: { steps: [{ shell: "rm -r build" }] },
      });
      const why = describeRun(r);
      expect(r.projectFiles, why).not.toContain("build/artifact.txt");
      expect(outputOf(r, 0), why).toMatch(/Process exited with code 0/);
      expect(r.hookLines, why).toEqual(["PreToolUse", "PreToolUse Completed"]);
      expect(summary(r.spool)).toEqual(["PreToolUse:Bash:log:no-rm"]);
      expect(r.spool[0]).toMatchObject({ input: { command: "rm -r build" }, reason: "no recursive deletes" });
    },
    TIMEOUT,
  );

  // (d): a PermissionRequest escalation (`--approve-for-me`, sandbox_permissions require_escalated).
  const escalation = (decision: "deny" | "log") =>
    runScenario({
      policy: policy(`
[[rules]]
id = "no-escalated-writes"
decision = "${decision}"
reason = "escalations that write outside the workspace are not allowed"
events = ["PermissionRequest"]
command = ["touch"]
`),
      sandbox: null, // --approve-for-me: approval on-request, sandbox workspace-write
      approveForMe: true,
      script: {
        steps: [
          {
            shell: "touch ../outside/escalated.txt",
            sandboxPermissions: "require_escalated",
            justification: "write outside the workspace",
          },
        ],
        guardian: "allow", // the automatic reviewer would approve it
      },
    });

  it.concurrent(
    "PermissionRequest: an escalation the policy denies never runs, before the automatic reviewer is asked",
    async ({ expect }) => {
      const r = await escalation("deny");
      const why = describeRun(r);
      expect(r.stderr, why).toMatch(/^approval: on-request$/m);
      expect(r.outsideFiles, why).toEqual([]);
      expect(r.hookLines, why).toContain("PermissionRequest Blocked");
      expect(outputOf(r, 0), why).toContain(
        'Rejected(\\"Blocked by Warden policy rule no-escalated-writes: escalations that write outside the workspace are not allowed\\")',
      );
      expect(r.requests.filter((q) => q.decision.startsWith("guardian"))).toEqual([]);
      expect(summary(r.spool)).toEqual([
        "PreToolUse:Bash:allow:null",
        "PermissionRequest:Bash:deny:no-escalated-writes",
      ]);
      expect(records(r, "PermissionRequest")[0]!.input).toEqual({
        command: "touch ../outside/escalated.txt",
        description: "write outside the workspace",
      });
    },
    TIMEOUT,
  );

  it.concurrent(
    "PermissionRequest control: logged, the escalation goes on to the automatic reviewer, which grants it",
    async ({ expect }) => {
      const r = await escalation("log");
      const why = describeRun(r);
      expect(r.outsideFiles, why).toEqual(["escalated.txt"]);
      expect(r.hookLines, why).toContain("PermissionRequest Completed");
      expect(
        r.requests.some((q) => q.decision === "guardian: allow"),
        why,
      ).toBe(true);
      expect(summary(r.spool)).toEqual([
        "PreToolUse:Bash:allow:null",
        "PermissionRequest:Bash:log:no-escalated-writes",
      ]);
    },
    TIMEOUT,
  );

  // (e): UserPromptSubmit blocks a prompt carrying a secret; the spool has it redacted.
  it.concurrent(
    "UserPromptSubmit: a prompt with a credential never reaches the model, and the spool has it redacted",
    async ({ expect }) => {
      const token = fakeSecrets(7).github();
      const r = await runScenario({
        policy: policy(`
[[rules]]
id = "secret-in-prompt"
decision = "deny"
reason = "the prompt carries a credential"
events = ["UserPromptSubmit"]
prompt_regex = '(?i)\\b(password|api[_-]?key|secret|token)\\s*[:=]'
`),
        prompt: `deploy it, api_key=${token}`,
        script: { steps: [{ shell: "touch prompted.txt" }] },
      });
      const why = describeRun(r);
      expect(r.hookLines, why).toEqual(["UserPromptSubmit", "UserPromptSubmit Blocked"]);
      expect(r.modelSawPrompt, why).toBe(false);
      expect(
        r.requests.some((q) => JSON.stringify(q.body).includes(token)),
        why,
      ).toBe(false);
      expect(r.projectFiles).not.toContain("prompted.txt");
      expect(summary(r.spool)).toEqual(["UserPromptSubmit:null:deny:secret-in-prompt"]);
      expect(r.spool[0]!.input).toEqual({ prompt: "deploy it, api_key=[REDACTED:github-token]" });
      expect(r.spoolText).not.toContain(token);
      expect(r.spoolText).not.toContain(token.slice(4, 20));
    },
    TIMEOUT,
  );

  // (f): policy files that cannot be used.
  const damagedPolicy = (failClosed: boolean, damage: (json: Record<string, unknown>) => string) =>
    runScenario({
      policy: policy(NO_RM, `default = "allow"\nfail_closed = ${failClosed}`),
      afterInstall: ({ policyJson }) => {
        writeFileSync(policyJson, damage(JSON.parse(readFileSync(policyJson, "utf8")) as Record<string, unknown>));
      },
      script: { steps: [{ shell: "touch harmless.txt" }, { shell: "echo hello" }] },
    });
  const FAILS_CLOSED = new RegExp(
    `^${BLOCKED}Blocked by Warden: the hook policy .* \\(the hook policy fails closed\\)`,
  );

  it.concurrent(
    "fail closed: a corrupt policy file blocks every call, even harmless ones, and the spool says why",
    async ({ expect }) => {
      const r = await damagedPolicy(true, (json) => JSON.stringify(json).slice(0, 200)); // truncated JSON
      const why = describeRun(r);
      expect(r.projectFiles, why).not.toContain("harmless.txt");
      expect(outputOf(r, 0), why).toMatch(FAILS_CLOSED);
      expect(outputOf(r, 1), why).toMatch(FAILS_CLOSED);
      expect(outputOf(r, 1)).toContain("is not valid JSON");
      expect(r.spool.map((x) => `${x.decision}:${x.failure}`)).toEqual(["deny:policy_corrupt", "deny:policy_corrupt"]);
      expect(r.spool[0]!.policyRevision).toBeNull();
    },
    TIMEOUT,
  );

  it.concurrent(
    "fail closed regardless: a corrupt policy that says fail_closed = false still blocks (its flag is not trusted)",
    async ({ expect }) => {
      const r = await damagedPolicy(false, (json) => {
        const rules = json.rules as Record<string, unknown>[];
        delete rules[0]!.reason; // parses, says failClosed: false, but is not a valid policy
        return JSON.stringify(json);
      });
      const why = describeRun(r);
      expect(r.projectFiles, why).not.toContain("harmless.txt");
      expect(outputOf(r, 0), why).toMatch(FAILS_CLOSED);
      expect(r.spool.map((x) => `${x.decision}:${x.failure}`)).toEqual(["deny:policy_corrupt", "deny:policy_corrupt"]);
    },
    TIMEOUT,
  );

  it.concurrent(
    "fail open: an expired policy with fail_closed = false lets calls through and records why",
    async ({ expect }) => {
      const r = await damagedPolicy(false, (json) =>
        JSON.stringify({ ...json, expiresAt: "2020-01-01T00:00:00.000Z" }),
      );
      const why = describeRun(r);
      expect(r.projectFiles, why).toContain("harmless.txt");
      expect(outputOf(r, 1), why).toMatch(/Output:\nhello\n/);
      expect(r.hookLines.filter((line) => line.endsWith("Blocked"))).toEqual([]);
      expect(r.spool.map((x) => `${x.decision}:${x.failure}`)).toEqual([
        "allow:policy_expired",
        "allow:policy_expired",
      ]);
      expect(r.spool[0]!.reason).toMatch(/expired at 2020-01-01T00:00:00.000Z/);
    },
    TIMEOUT,
  );

  it.concurrent(
    "fail closed: the same expired policy with fail_closed = true blocks",
    async ({ expect }) => {
      const r = await damagedPolicy(true, (json) => JSON.stringify({ ...json, expiresAt: "2020-01-01T00:00:00.000Z" }));
      const why = describeRun(r);
      expect(r.projectFiles, why).not.toContain("harmless.txt");
      expect(outputOf(r, 0), why).toMatch(FAILS_CLOSED);
      expect(r.spool.map((x) => `${x.decision}:${x.failure}`)).toEqual(["deny:policy_expired", "deny:policy_expired"]);
    },
    TIMEOUT,
  );

  // (g): the spool holds every decision of a session, secrets redacted, and its chain verifies.
  // One `codex exec` run, shared by the two tests below.
  const secrets = fakeSecrets(42);
  const [token, jwt, keyId] = [secrets.github(), secrets.jwt(), secrets.awsKeyId()];
  let sessionRun: Promise<ScenarioResult> | null = null;
  const sessionWithSecrets = () =>
    (sessionRun ??= runScenario({
      policy: policy(`${NO_RM}
[[rules]]
id = "secret-in-prompt"
decision = "log"
reason = "the prompt carries a credential"
events = ["UserPromptSubmit"]
prompt_regex = '(?i)\\btoken\\s*[:=]'

[[rules]]
id = "log-curl"
decision = "log"
reason = "network calls are recorded"
command = ["curl"]
`),
      events: ["SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest", "PostToolUse", "Stop"],
      prompt: `use token: ${token} for the registry`,
      script: {
        steps: [
          { shell: `curl -s -m 1 -H "Authorization: Bearer ${jwt}" http://127.0.0.1:9/ || true` },
          { shell: "rm -r build" },
          { shell: `echo ${keyId} > key-id.txt` },
        ],
      },
    }));

  it.concurrent(
    "spool: one record per hook run (all six events), inputs redacted, a verifying hash chain, tampering detected",
    async ({ expect }) => {
      const r = await sessionWithSecrets();
      const why = describeRun(r);
      expect(r.exitCode, why).toBe(0);
      // Every hook run Codex reported is one record, in order.
      const runs = r.hookLines.filter((line) => !line.includes(" "));
      expect(r.spool.map((x) => x.event)).toEqual(runs);
      expect(summary(r.spool)).toEqual([
        "SessionStart:null:allow:null",
        "UserPromptSubmit:null:log:secret-in-prompt",
        "PreToolUse:Bash:log:log-curl",
        "PostToolUse:Bash:allow:null",
        "PreToolUse:Bash:deny:no-rm",
        "PreToolUse:Bash:allow:null",
        "PostToolUse:Bash:allow:null",
        "Stop:null:allow:null",
      ]);
      const session = r.spool[0]!.sessionId;
      expect(r.spool.every((x) => x.sessionId === session && x.policyRevision?.startsWith("sha256:"))).toBe(true);
      expect(records(r, "PreToolUse").map((x) => x.toolUseId)).toEqual(r.toolCalls.map((c) => c.callId));
      // The model saw the secrets (log lets them through); the recorded inputs do not hold them.
      expect(r.requests.some((q) => JSON.stringify(q.body).includes(token))).toBe(true);
      expect(r.spool[1]!.input).toEqual({ prompt: "use token: [REDACTED:github-token] for the registry" });
      expect(JSON.stringify(r.spool[2]!.input)).toContain("Bearer [REDACTED:");
      expect(records(r, "PostToolUse")[1]!.input).toEqual({
        command: "echo [REDACTED:aws-access-key-id] > key-id.txt",
      });
      for (const secret of [token, jwt, keyId, jwt.split(".")[2]!]) {
        expect(JSON.stringify(r.spool.map((x) => x.input))).not.toContain(secret);
      }
      // The chain: seq 1..n, each prevHash the previous hash, verified by the agent's verifier.
      expect(r.spool.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      r.spool.forEach((x, i) => {
        expect(x.prevHash).toBe(i === 0 ? null : r.spool[i - 1]!.hash);
      });
      expect(r.spoolVerification).toMatchObject({ ok: true, records: 8, firstSeq: 1, lastSeq: 8 });
      expect(r.spoolVerification!.lastHash).toBe(r.spool[7]!.hash);
      // Tampering with a copy: the deny turned into an allow, and a deleted line.
      const day = Object.keys(r.spoolFiles).find((name) => name.endsWith(".jsonl"))!;
      const tampered = (text: string) => {
        const dir = mkdtempSync(join(tmpdir(), "warden-spool-copy-"));
        for (const [name, contents] of Object.entries(r.spoolFiles)) writeFileSync(join(dir, name), contents);
        writeFileSync(join(dir, day), text);
        try {
          return verifySpool(dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };
      const original = r.spoolFiles[day]!;
      expect(tampered(original).ok).toBe(true);
      const edited = tampered(original.replace('"decision":"deny"', '"decision":"allow"'));
      expect(edited.ok).toBe(false);
      expect(edited.edits.map((e) => e.seq)).toEqual([5]);
      const lines = original.split("\n");
      const deleted = tampered([...lines.slice(0, 4), ...lines.slice(5)].join("\n"));
      expect(deleted.ok).toBe(false);
      expect(deleted.gaps.length + deleted.breaks.length).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it.concurrent(
    "spool: no field of any record holds a secret — reasons that quote the command included",
    async ({ expect }) => {
      const r = await sessionWithSecrets();
      const leaks = r.spool.flatMap((record) =>
        Object.entries(record)
          .filter(([, value]) => [token, jwt, keyId].some((secret) => JSON.stringify(value).includes(secret)))
          .map(([field]) => `seq ${record.seq} ${record.event} .${field}`),
      );
      expect(leaks).toEqual([]);
      for (const secret of [token, jwt, keyId, jwt.split(".")[2]!]) expect(r.spoolText).not.toContain(secret);
    },
    TIMEOUT,
  );

  // ── Coverage (docs/hook-coverage.md): which tool paths the hook sees ────────────────────────

  it.concurrent(
    "coverage: MCP tools reach the hook as mcp__<server>__<tool>; a denied call never reaches the server",
    async ({ expect }) => {
      const r = await runScenario({
        policy: policy(`
[[rules]]
id = "no-secret-notes"
decision = "deny"
reason = "notes may not go to secret-notes/"
mcp_servers = ["notes"]
paths = ["**/secret-notes"]

[[rules]]
id = "log-notes"
decision = "log"
reason = "notes are recorded"
mcp_servers = ["notes"]
`),
        userConfig: '[mcp_servers.notes]\ncommand = "${NODE}"\nargs = ["${ROOT}/test/e2e/fixtures/mcp-server.mjs"]\n',
        projectFiles: { "secret-notes/.keep": "" },
        script: ({ project }) => ({
          steps: [
            {
              function: "write_note",
              namespace: "mcp__notes",
              arguments: { path: `${project}/secret-notes/a.txt`, text: "x" },
            },
            { function: "write_note", namespace: "mcp__notes", arguments: { path: `${project}/notes.txt`, text: "y" } },
            { function: "read_mcp_resource", arguments: { server: "notes", uri: "note://a" } },
          ],
        }),
      });
      const why = describeRun(r);
      expect(r.projectFiles, why).toEqual(["notes.txt", "secret-notes/.keep"]);
      expect(outputOf(r, 0), why).toBe(
        "Tool call blocked by PreToolUse hook: Blocked by Warden policy rule no-secret-notes: notes may not go to secret-notes/. Tool: mcp__notes__write_note",
      );
      expect(outputOf(r, 1), why).toContain("wrote ");
      expect(summary(r.spool)).toEqual([
        "PreToolUse:mcp__notes__write_note:deny:no-secret-notes",
        "PreToolUse:mcp__notes__write_note:log:log-notes",
        // Codex's own MCP resource tools are hook subjects too, under their own names: a rule
        // on `mcp_servers` does not see them (the server is an argument).
        "PreToolUse:read_mcp_resource:allow:null",
      ]);
      expect(r.spool[2]!.input).toEqual({ server: "notes", uri: "note://a" });
    },
    TIMEOUT,
  );

  it.concurrent(
    "coverage: code mode (catalog model) — the JavaScript exec tool is not a hook subject, every nested tool call is",
    async ({ expect }) => {
      const js = [
        "const out = [];",
        "const calls = [",
        '  () => tools.exec_command({ cmd: "rm -r build" }),',
        '  () => tools.apply_patch("*** Begin Patch\\n*** Add File: secrets/x.txt\\n+x\\n*** End Patch\\n"),',
        '  () => tools.apply_patch("*** Begin Patch\\n*** Add File: ok.txt\\n+x\\n*** End Patch\\n"),',
        '  () => tools.view_image({ path: "img.png" }),',
        "];",
        "for (const call of calls) { try { out.push(JSON.stringify(await call())); } catch (e) { out.push(String(e)); } }",
        'text(out.join("\\n---\\n"));',
      ].join("\n");
      const r = await runScenario({
        policy: policy(NO_RM + NO_SECRETS_DIR + LOG_EVERYTHING),
        model: "gpt-6.1-sol",
        projectFiles: { "build/artifact.txt": "keep me\n", "img.png": PNG },
        script: { steps: [{ custom: "exec", input: js }] },
      });
      const why = describeRun(r);
      expect(r.offeredTools, why).toContain("exec");
      expect(r.offeredTools).not.toContain("exec_command"); // nested only, inside the JavaScript `tools` object
      expect(r.toolCalls.map((c) => c.name)).toEqual(["exec"]);
      expect(r.projectFiles, why).toEqual(["build/artifact.txt", "img.png", "ok.txt"]);
      expect(outputOf(r, 0)).toContain(`${BLOCKED}Blocked by Warden policy rule no-rm: no recursive deletes.`);
      expect(outputOf(r, 0)).toContain(
        `${BLOCKED}Blocked by Warden policy rule no-secrets-dir: secrets/ is off limits.`,
      );
      expect(summary(records(r, "PreToolUse"))).toEqual([
        "PreToolUse:Bash:deny:no-rm",
        "PreToolUse:apply_patch:deny:no-secrets-dir",
        "PreToolUse:apply_patch:log:log-all",
        "PreToolUse:view_image:log:log-all",
      ]);
      expect(r.spool.some((x) => x.tool === "exec")).toBe(false);
    },
    TIMEOUT,
  );

  it.concurrent(
    "coverage: classic tools — apply_patch via the shell and view_image are seen; web search and write_stdin are not",
    async ({ expect }) => {
      const patch = (file: string) =>
        `apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: ${file}\n+x\n*** End Patch\nEOF`;
      const r = await runScenario({
        policy: policy(NO_RM + NO_SECRETS_DIR + LOG_EVERYTHING),
        events: ["PreToolUse", "PermissionRequest", "PostToolUse"],
        projectFiles: { "build/artifact.txt": "keep me\n", "img.png": PNG },
        script: {
          steps: [
            { shell: patch("secrets/a.txt") },
            { shell: patch("ok.txt") },
            { function: "view_image", arguments: { path: "img.png" } },
            {
              items: [
                { type: "web_search_call", id: "ws_1", status: "completed", action: { type: "search", query: "q" } },
              ],
              thenShell: "echo after-search",
            },
            { shell: "bash", tty: true, yieldTimeMs: 500 },
            { function: "write_stdin", arguments: writeToSession("rm -r build; exit\n") },
            { function: "get_goal", arguments: {} },
          ],
        },
      });
      const why = describeRun(r);
      expect(r.offeredTools, why).toEqual(expect.arrayContaining(["exec_command", "write_stdin", "view_image"]));
      expect(r.offeredTools).not.toContain("apply_patch"); // not offered to an unknown slug; the shell form is
      expect(outputOf(r, 0), why).toMatch(/^Command blocked by PreToolUse hook: .*no-secrets-dir/);
      expect(outputOf(r, 1), why).toContain("Success. Updated the following files:\nA ok.txt");
      expect(outputOf(r, 5), why).toMatch(/Process exited with code 0/);
      expect(summary(records(r, "PreToolUse"))).toEqual([
        "PreToolUse:Bash:deny:no-secrets-dir",
        "PreToolUse:Bash:log:log-all",
        "PreToolUse:view_image:log:log-all",
        "PreToolUse:Bash:log:log-all", // echo after-search: the web search before it was not a hook subject
        "PreToolUse:Bash:log:log-all", // bash (a tty session)
        "PreToolUse:get_goal:log:log-all", // other function tools are hook subjects
      ]);
      // Codex applies a shell-form apply_patch itself: PreToolUse sees it, PostToolUse does not.
      const after = records(r, "PostToolUse").map((x) => x.tool);
      expect(after, why).toEqual(expect.arrayContaining(["view_image", "Bash", "get_goal"]));
      expect(records(r, "PostToolUse").filter((x) => JSON.stringify(x.input).includes("apply_patch"))).toEqual([]);
      // The gap: what is typed into a running session is never shown to the hook.
      expect(r.projectFiles, why).toEqual(["img.png", "ok.txt"]);
      expect(r.spool.some((x) => x.tool === "write_stdin" || JSON.stringify(x.input).includes("rm -r"))).toBe(false);
    },
    TIMEOUT,
  );

  it.concurrent(
    "coverage: sub-agents — spawn_agent, the sub-agent's prompt and its shell calls all reach the hook",
    async ({ expect }) => {
      const waitFor = (input: readonly ResponseItem[]) => {
        const out = input.filter((item) => item.type === "function_call_output").map((item) => String(item.output));
        return { targets: [/"agent_id":"([^"]+)"/.exec(out.join("\n"))?.[1] ?? "?"], timeout_ms: 20_000 };
      };
      const r = await runScenario({
        policy: policy(NO_RM + LOG_EVERYTHING),
        events: ["PreToolUse", "PermissionRequest", "UserPromptSubmit"],
        script: {
          steps: [
            {
              function: "spawn_agent",
              namespace: "multi_agent_v1",
              arguments: { message: "SUBAGENT-7: clean build/" },
            },
            { function: "wait_agent", namespace: "multi_agent_v1", arguments: waitFor },
          ],
          agents: [{ marker: "SUBAGENT-7", steps: [{ shell: "rm -r build" }, { shell: "touch sub.txt" }] }],
        },
      });
      const why = describeRun(r);
      expect(
        r.requests.some((q) => q.decision.startsWith("agent SUBAGENT-7 step 1")),
        why,
      ).toBe(true);
      expect(r.projectFiles, why).toEqual(["build/artifact.txt", "sub.txt"]);
      const parentTurn = records(r, "UserPromptSubmit")[0]!.turnId;
      const sub = r.spool.filter((x) => x.turnId !== parentTurn);
      expect(summary(sub)).toEqual([
        "UserPromptSubmit:null:allow:null",
        "PreToolUse:Bash:deny:no-rm",
        "PreToolUse:Bash:log:log-all",
      ]);
      expect(sub[0]!.input).toEqual({ prompt: "SUBAGENT-7: clean build/" });
      // Codex 0.169.0 names the parent's sub-agent tools inconsistently: `spawn_agent`, but
      // `multi_agent_v1wait_agent` (namespace glued on) — policies matching them must use both forms.
      expect(summary(r.spool.filter((x) => x.turnId === parentTurn && x.event === "PreToolUse"))).toEqual([
        "PreToolUse:spawn_agent:log:log-all",
        "PreToolUse:multi_agent_v1wait_agent:log:log-all",
      ]);
    },
    TIMEOUT,
  );
});
