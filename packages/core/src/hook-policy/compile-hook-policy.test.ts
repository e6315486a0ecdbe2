import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderDiagnostic } from "../diagnostics/diagnostic.ts";
import { compileHookPolicy } from "./compile-hook-policy.ts";
import { loadCompiledPolicy } from "./load-compiled-policy.ts";

const NOW = new Date("2026-11-22T00:00:00Z");
const HEADER = 'version = 1\ndefault = "allow"\n';

describe("compiled output", () => {
  const text = readFileSync(new URL("../../../../examples/hook-policy.toml", import.meta.url), "utf8");

  it("compiles examples/hook-policy.toml without any diagnostic", () => {
    const result = compileHookPolicy(text, { file: "examples/hook-policy.toml", now: NOW });
    expect(result.diagnostics.map((d) => renderDiagnostic(d))).toEqual([]);
    expect(result.value?.rules).toHaveLength(19);
    expect(result.value?.tiers.map((tier) => [tier.name, tier.default, tier.unanalysable])).toEqual([
      ["sensitive", "deny", "deny"],
      ["restricted", null, null],
      ["standard", null, null],
    ]);
  });

  it("is the example docs/hook-policy.md shows", () => {
    const docs = readFileSync(new URL("../../../../docs/hook-policy.md", import.meta.url), "utf8");
    const block = /<!-- example:start -->\n```toml\n([\s\S]*?)```\n<!-- example:end -->/.exec(docs);
    expect(block?.[1]).toBe(text);
  });

  it("round-trips through JSON and the loader unchanged", () => {
    const compiled = compileHookPolicy(text, { now: NOW }).value!;
    const json = JSON.parse(JSON.stringify(compiled)) as unknown;
    const loaded = loadCompiledPolicy(json, NOW);
    expect(loaded).toEqual({ policy: compiled });
  });

  it("has a revision that follows meaning, not formatting or compile time", () => {
    const revision = (source: string, now = NOW) => compileHookPolicy(source, { now }).value!.revision;
    const base = revision(text);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(revision(`# a comment\n${text.replaceAll(" = ", "=")}`, new Date("2026-12-01T00:00:00Z"))).toBe(base);
    expect(revision(text.replace('reason = "Read-only inspection commands."', 'reason = "Read-only."'))).not.toBe(base);
  });

  it("fills in the defaults and resolves per-event defaults", () => {
    const policy = compileHookPolicy(`version = 1\ndefault = "deny"\n[event_defaults]\nStop = "log"\n`, { now: NOW })
      .value!;
    expect(policy).toMatchObject({
      schema: "warden.hook-policy/v1",
      compiledAt: "2026-11-22T00:00:00.000Z",
      expiresAt: null,
      failClosed: false,
      default: "deny",
      unanalysable: "deny",
      defaultTier: null,
      eventDefaults: {
        PreToolUse: "deny",
        PermissionRequest: "deny",
        PostToolUse: "allow",
        SessionStart: "allow",
        UserPromptSubmit: "allow",
        Stop: "log",
      },
    });
    expect(compileHookPolicy(HEADER, { now: NOW }).value?.unanalysable).toBe("log");
  });

  it("compiles every rule field to plain data", () => {
    const source = `${HEADER}[tiers.t]\nremotes = ["git@github.com:Acme/Infra.git"]\n[[rules]]\nid = "all"\ndecision = "log"\nreason = " r "\nevents = ["PreToolUse", "PreToolUse"]\ntools = "(?i)^bash$"\ncommand = ["git", ["push", "push", "fetch"]]\ncommand_regex = "(?i)--force"\npaths = ["*.{pem,key}"]\npath_access = "read"\ndomains = ["*.Example.com."]\nusers = ["a*"]\nhosts = ["Build-?"]\ntiers = ["t"]\n`;
    const policy = compileHookPolicy(source, { now: NOW }).value!;
    expect(policy.tiers[0]?.remotes?.source).toBe("^github\\.com\\/acme\\/infra(?:/.*)?$");
    expect(policy.rules[0]).toEqual({
      id: "all",
      decision: "log",
      reason: "r",
      events: ["PreToolUse"],
      tools: { regex: { source: "^bash$", flags: "iu" } },
      command: [["git"], ["push", "fetch"]],
      commandRegex: { source: "--force", flags: "iu" },
      paths: [
        { glob: "*.pem", base: "absolute", regex: { source: "^(?:/.*)?/[^/]*\\.pem(?:/.*)?$", flags: "" } },
        { glob: "*.key", base: "absolute", regex: { source: "^(?:/.*)?/[^/]*\\.key(?:/.*)?$", flags: "" } },
      ],
      pathAccess: "read",
      domains: { source: "^.+\\.example\\.com$", flags: "" },
      mcpServers: null,
      mcpTools: null,
      promptRegex: null,
      tiers: ["t"],
      users: { source: "^a.*$", flags: "" },
      hosts: { source: "^build-.$", flags: "" },
    });
  });
});
