import { describe, expect, it } from "vitest";
import { compileHookPolicy } from "./compile-hook-policy.ts";
import { loadCompiledPolicy } from "./load-compiled-policy.ts";

const NOW = new Date("2026-11-22T00:00:00Z");
const SOURCE = `version = 1
default = "allow"
expires_at = 2027-01-01T00:00:00Z
fail_closed = true
[tiers.t]
paths = ["/srv/**"]
[[rules]]
id = "r"
decision = "deny"
reason = "x"
command = ["git", "push"]
paths = ["**/.env"]
tools = "^Bash$"
`;

function compiled(): Record<string, unknown> {
  const value = compileHookPolicy(SOURCE, { now: NOW }).value;
  if (value === null) throw new Error("fixture does not compile");
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

type Edit = (policy: Record<string, unknown>) => unknown;
const rule0 = (policy: Record<string, unknown>) => (policy.rules as Array<Record<string, unknown>>)[0]!;
const withRule =
  (key: string, value: unknown): Edit =>
  (policy) => {
    rule0(policy)[key] = value;
    return policy;
  };

// [what, edit of a valid compiled policy, expected code, expected message fragment]
const REJECTED: Array<[string, Edit, string, string]> = [
  ["not an object", () => [], "corrupt", "`policy` is not an object"],
  ["null", () => null, "corrupt", "`policy` is not an object"],
  ["no schema", (p) => ({ ...p, schema: undefined }), "unsupported", "no schema tag"],
  [
    "a newer schema",
    (p) => ({ ...p, schema: "warden.hook-policy/v2" }),
    "unsupported",
    "`warden.hook-policy/v2`; this Warden reads warden.hook-policy/v1",
  ],
  [
    "an unknown top-level field",
    (p) => ({ ...p, allowList: [] }),
    "unsupported",
    "`allowList` is not part of warden.hook-policy/v1",
  ],
  ["an unknown rule field", withRule("branches", ["main"]), "unsupported", "`rules[0].branches` is not part of"],
  ["a missing revision", (p) => ({ ...p, revision: undefined }), "corrupt", "`revision` is not a string"],
  ["a bad compiledAt", (p) => ({ ...p, compiledAt: "yesterday" }), "corrupt", "`compiledAt` is not an ISO-8601 time"],
  ["a string failClosed", (p) => ({ ...p, failClosed: "true" }), "corrupt", "`failClosed` is not a boolean"],
  ["an unknown decision", (p) => ({ ...p, default: "block" }), "corrupt", "`default` is not allow, log or deny"],
  [
    "a missing event default",
    (p) => ({ ...p, eventDefaults: { PreToolUse: "allow" } }),
    "corrupt",
    "`eventDefaults.PermissionRequest`",
  ],
  ["tiers not a list", (p) => ({ ...p, tiers: {} }), "corrupt", "`tiers` is not an array"],
  [
    "a bad glob base",
    (p) => {
      ((p.tiers as Array<Record<string, unknown>>)[0]!.paths as Array<Record<string, unknown>>)[0]!.base = "root";
      return p;
    },
    "corrupt",
    "`tiers[0].paths[0].base` is unknown",
  ],
  ["a rule without events", withRule("events", undefined), "corrupt", "`rules[0].events` is not an array"],
  ["an unknown event", withRule("events", ["PreCompact"]), "corrupt", "names unknown event PreCompact"],
  ["an empty prefix", withRule("command", []), "corrupt", "`rules[0].command` is empty"],
  ["a non-string token", withRule("command", [["git"], [1]]), "corrupt", "`rules[0].command[1][0]` is not a string"],
  [
    "unknown regex flags",
    withRule("tools", { regex: { source: "x", flags: "g" } }),
    "corrupt",
    "`rules[0].tools.regex.flags` has unknown flags",
  ],
  [
    "a regex that does not compile",
    withRule("tools", { regex: { source: "(", flags: "u" } }),
    "corrupt",
    "rules[0].tools does not compile",
  ],
  [
    "a glob regex that does not compile",
    (p) => {
      ((rule0(p).paths as Array<Record<string, unknown>>)[0]!.regex as Record<string, unknown>).source = "[";
      return p;
    },
    "corrupt",
    "rules[0].paths[0] does not compile",
  ],
  ["an unknown path access", withRule("pathAccess", "exec"), "corrupt", "`rules[0].pathAccess` is unknown"],
];

describe("loadCompiledPolicy", () => {
  it("accepts what compileHookPolicy writes", () => {
    const policy = compiled();
    expect(loadCompiledPolicy(policy, NOW)).toEqual({ policy });
  });

  it.each(REJECTED)("rejects %s", (_what, edit, code, message) => {
    const result = loadCompiledPolicy(edit(compiled()), NOW);
    expect(result).toMatchObject({ error: { code } });
    expect("error" in result && result.error.message).toContain(message);
  });

  it("rejects an expired policy given the clock, and only then", () => {
    const policy = compiled();
    expect(loadCompiledPolicy(policy, new Date("2026-12-31T23:59:59Z"))).toHaveProperty("policy");
    expect(loadCompiledPolicy(policy, new Date("2027-01-01T00:00:00Z"))).toEqual({
      error: { code: "expired", message: `it expired at 2027-01-01T00:00:00.000Z (revision ${policy.revision})` },
    });
  });

  it("reports an unsupported schema before anything else is checked", () => {
    expect(loadCompiledPolicy({ schema: "warden.hook-policy/v9", rules: "nonsense" }, NOW)).toMatchObject({
      error: { code: "unsupported" },
    });
  });
});
