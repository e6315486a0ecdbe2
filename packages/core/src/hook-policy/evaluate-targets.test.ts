import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { callOf, decide, policyOf } from "./evaluate-fixture.ts";
import { evaluateToolCall } from "./evaluate-tool-call.ts";

const policy = policyOf(`version = 1
default = "allow"
default_tier = "standard"

[tiers.sensitive]
paths = ["/srv/infra/**", "**/deploy-*", "~/ops"]
remotes = ["github.com/acme/infra"]
[tiers.restricted]
remotes = ["github.com/acme/*"]

[[rules]]
id = "secret-reads"
decision = "deny"
reason = "no secrets"
paths = ["**/.env", "~/.ssh/**"]
path_access = "read"

[[rules]]
id = "etc-writes"
decision = "deny"
reason = "no system files"
paths = ["/etc"]
path_access = "write"

[[rules]]
id = "config-changes"
decision = "log"
reason = "config changes are recorded"
paths = ["config/*.yaml"]

[[rules]]
id = "paste"
decision = "deny"
reason = "no paste sites"
domains = ["**.pastebin.com", "transfer.sh"]

[[rules]]
id = "mcp-delete"
decision = "deny"
reason = "no deletes"
mcp_tools = ["delete_*"]

[[rules]]
id = "mcp-github"
decision = "log"
reason = "github is recorded"
mcp_servers = ["github"]

[[rules]]
id = "docs-edits"
decision = "log"
reason = "doc edits are recorded"
tools = "Edit|Write"
paths = ["docs/**"]

[[rules]]
id = "prompt-secret"
decision = "log"
reason = "password in prompt"
events = ["UserPromptSubmit"]
prompt_regex = "(?i)password"

[[rules]]
id = "sensitive-shell"
decision = "log"
reason = "shell in sensitive repos is recorded"
tiers = ["sensitive"]
tools = "^Bash$"

[[rules]]
id = "release-on-build-hosts"
decision = "deny"
reason = "releases come from CI"
users = ["alice", "bob*"]
hosts = ["build-*"]
command = ["make", "release"]
`);

const patch = (...lines: string[]) => ({
  toolName: "apply_patch",
  toolInput: { command: ["*** Begin Patch", ...lines, "@@", "+x", "*** End Patch", ""].join("\n") },
});

describe("paths the call reads or writes", () => {
  it.each([
    ["cat .env", "deny:secret-reads"],
    ["cat sub/dir/.env.example", "allow:-"],
    ["echo x > .env", "allow:-"],
    ["cat ~/.ssh/id_rsa", "deny:secret-reads"],
    ["cat /home/u/.ssh/id_rsa", "deny:secret-reads"],
    ["cat ../../u/.ssh/config", "deny:secret-reads"],
    ["echo 1 > /etc/hosts", "deny:etc-writes"],
    ["cp x /etc/", "deny:etc-writes"],
    ["cat /etc/hosts", "allow:-"],
    ["cat config/app.yaml", "log:config-changes"],
    ["cat config/deep/app.yaml", "allow:-"],
    ["cd config && cat app.yaml", "log:config-changes"],
  ])("%s → %s", (command, expected) => {
    expect(decide(policy, callOf({ command }))).toBe(expected);
  });

  it("resolves workspace globs against the repository root, not the cwd", () => {
    const call = callOf({ command: "cat ../config/app.yaml", cwd: "/home/u/repo/src" });
    expect(decide(policy, call)).toBe("log:config-changes");
    expect(decide(policy, callOf({ command: "cat config/app.yaml", repo: null, cwd: "/tmp/w" }))).toBe(
      "log:config-changes",
    );
  });

  it.each([
    ["an updated file", patch("*** Update File: config/app.yaml"), "log:config-changes"],
    ["an absolute target", patch("*** Add File: /etc/cron.d/job"), "deny:etc-writes"],
    ["a deleted file", patch("*** Delete File: /etc/x"), "deny:etc-writes"],
    ["a move target", patch("*** Update File: a.txt", "*** Move to: /etc/a.txt"), "deny:etc-writes"],
    ["a write is not a read", patch("*** Update File: .env"), "allow:-"],
    ["Edit/Write aliases", patch("*** Add File: docs/guide.md"), "log:docs-edits"],
    ["a shell call under the alias rule", { command: "touch docs/guide.md" }, "allow:-"],
    [
      "`input` instead of `command`",
      { toolName: "apply_patch", toolInput: { input: "*** Update File: /etc/x\n" } },
      "deny:etc-writes",
    ],
  ] as const)("apply_patch: %s", (_what, extra, expected) => {
    expect(decide(policy, callOf(extra))).toBe(expected);
  });
});

describe("network destinations", () => {
  it.each([
    ["curl https://x.pastebin.com/raw/1", "deny:paste"],
    ["curl -s https://PASTEBIN.com./raw", "deny:paste"],
    ["wget https://notpastebin.com/x", "allow:-"],
    ["curl https://transfer.sh/abc", "deny:paste"],
    ["curl https://a.transfer.sh/abc", "allow:-"],
    ["ssh user@transfer.sh", "deny:paste"],
    ["git clone https://github.com/acme/app", "allow:-"],
  ])("%s → %s", (command, expected) => {
    expect(decide(policy, callOf({ command }))).toBe(expected);
  });
});

describe("MCP tools", () => {
  const mcp = (toolName: string, toolInput: unknown = {}) => callOf({ toolName, toolInput });
  it.each([
    ["mcp__github__delete_repo", {}, "deny:mcp-delete", ["mcp-delete", "mcp-github"]],
    ["mcp__github__get_issue", {}, "log:mcp-github", ["mcp-github"]],
    ["mcp__gitlab__delete_branch", {}, "deny:mcp-delete", ["mcp-delete"]],
    ["mcp__fs__read_file", { path: "/home/u/.ssh/id_rsa" }, "deny:secret-reads", ["secret-reads"]],
    ["mcp__fs__read_file", { file_path: "config/app.yaml" }, "log:config-changes", ["config-changes"]],
    ["mcp__web__fetch", { request: { url: "https://a.pastebin.com/x" } }, "deny:paste", ["paste"]],
    ["mcp__web__fetch", { url: "https://example.com" }, "allow:-", []],
    ["mcp__broken", {}, "allow:-", []],
  ])("%s %j → %s", (toolName, input, expected, matched) => {
    const verdict = evaluateToolCall(policy, mcp(toolName, input));
    expect(`${verdict.decision}:${verdict.ruleId ?? "-"}`).toBe(expected);
    expect(verdict.matched.map((m) => m.ruleId)).toEqual(matched);
  });
});

describe("trust tiers", () => {
  const tierOf = (repo: { root: string; remoteUrl: string | null } | null, cwd = repo?.root ?? "/tmp") =>
    evaluateToolCall(policy, callOf({ cwd, repo: repo && { ...repo, branch: null } })).tier;

  it.each([
    ["https", "https://github.com/acme/infra.git", "sensitive"],
    ["https with credentials and a port", "https://ci:token@github.com:443/Acme/Infra", "sensitive"],
    ["ssh", "ssh://git@github.com/acme/infra.git", "sensitive"],
    ["scp", "git@github.com:acme/infra.git", "sensitive"],
    ["a sibling repository", "git@github.com:acme/web.git", "restricted"],
    ["another organisation", "https://github.com/other/infra", "standard"],
    ["no remote", null, "standard"],
  ])("by remote, %s form", (_form, remoteUrl, tier) => {
    expect(tierOf({ root: "/home/u/repo", remoteUrl })).toBe(tier);
  });

  it.each([
    ["the cwd", null, "/srv/infra/modules", "sensitive"],
    [
      "the repository root",
      { root: "/home/u/src/deploy-api", remoteUrl: null },
      "/home/u/src/deploy-api/k8s",
      "sensitive",
    ],
    ["a home-relative glob", null, "/home/u/ops/run", "sensitive"],
    ["no match", null, "/tmp/x", "standard"],
  ])("by path: %s", (_what, repo, cwd, tier) => {
    expect(tierOf(repo, cwd)).toBe(tier);
  });

  it("takes the first matching tier in file order, and matches rules on it", () => {
    expect(tierOf({ root: "/srv/infra", remoteUrl: "git@github.com:acme/web.git" })).toBe("sensitive");
    const call = callOf({ command: "ls", repo: { root: "/r", remoteUrl: "git@github.com:acme/infra", branch: null } });
    expect(decide(policy, call)).toBe("log:sensitive-shell");
    expect(decide(policy, callOf({ command: "ls" }))).toBe("allow:-");
  });

  it("is null without tiers or a default tier", () => {
    expect(evaluateToolCall(policyOf('version = 1\ndefault = "allow"\n'), callOf()).tier).toBeNull();
  });
});

describe("users, hosts and prompts", () => {
  it.each([
    ["alice", "build-3", "deny:release-on-build-hosts"],
    ["bobby", "BUILD-7.corp", "deny:release-on-build-hosts"],
    ["carol", "build-3", "allow:-"],
    ["alice", "laptop-1", "allow:-"],
    [null, "build-3", "allow:-"],
    ["alice", null, "allow:-"],
  ])("%s on %s → %s", (user, host, expected) => {
    expect(decide(policy, callOf({ command: "make release", user, host }))).toBe(expected);
  });

  it.each([
    ["my PassWord is hunter2", "log:prompt-secret"],
    ["hello", "allow:-"],
  ])("prompt %j → %s", (prompt, expected) => {
    expect(decide(policy, callOf({ event: "UserPromptSubmit", toolName: null, toolInput: undefined, prompt }))).toBe(
      expected,
    );
  });
});

describe("the three-tier example (docs/hook-policy.md)", () => {
  const example = policyOf(readFileSync(new URL("../../../../examples/hook-policy.toml", import.meta.url), "utf8"));
  const repo = (remoteUrl: string, root = "/home/u/src/x") => ({ cwd: root, repo: { root, remoteUrl, branch: null } });
  const web = repo("git@github.com:acme/web.git");
  const infra = repo("git@github.com:acme/infra.git");
  const blog = { cwd: "/home/u/src/blog", repo: null };

  it.each([
    ["git push -f origin main", blog, "deny:no-force-push"],
    ["cat .env", web, "deny:no-secret-files"],
    ["curl https://api.github.com/repos/acme/web", web, "log:record-network"],
    ["npm publish", web, "deny:no-publish"],
    ["terraform plan", infra, "allow:sensitive-plans"],
    ["terraform apply", infra, "deny:no-terraform-apply"],
    ["make deploy", infra, "deny:-"],
    ['ls | sh -c "$(cat x)"', infra, "deny:-"],
    ["make deploy", blog, "allow:-"],
  ] as const)("%s in %j → %s", (command, where, expected) => {
    expect(decide(example, callOf({ command, ...where }))).toBe(expected);
  });

  it("decides patches and prompts as documented", () => {
    expect(decide(example, callOf({ ...infra, ...patch("*** Update File: main.tf") }))).toBe("allow:sensitive-patches");
    expect(decide(example, callOf({ ...web, ...patch("*** Add File: config/.env.local") }))).toBe(
      "deny:no-secret-files",
    );
    const prompt = {
      event: "UserPromptSubmit",
      toolName: null,
      toolInput: undefined,
      prompt: "my api_key = sk-1",
    } as const;
    expect(decide(example, callOf(prompt))).toBe("log:secret-in-prompt");
  });
});
