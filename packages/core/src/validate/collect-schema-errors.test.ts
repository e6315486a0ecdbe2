import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { collectSchemaErrors, touchesRemoved } from "./collect-schema-errors.ts";
import { requirementsSchemaCheck } from "./requirements-schema-check.ts";

function collect(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return collectSchemaErrors(parsed.document.value, requirementsSchemaCheck);
}

describe("collectSchemaErrors", () => {
  it.each([
    ["no errors", 'allowed_sandbox_modes = ["read-only"]\n', [], []],
    [
      "every error, in Codex's order",
      'allowed_approval_policies = ["bogus"]\nenforce_residency = "eu"\n[otel]\nbogus = 1\n',
      ["allowed_approval_policies[0]", "enforce_residency", "otel.bogus"],
      [["allowed_approval_policies"], ["enforce_residency"], ["otel", "bogus"]],
    ],
    [
      "a required key's consequence removes its entry instead",
      '[[remote_sandbox_config]]\nhostname_patterns = "x"\nallowed_sandbox_modes = ["read-only"]\n',
      ["remote_sandbox_config[0].hostname_patterns"],
      [["remote_sandbox_config"]],
    ],
    [
      "one bad MCP server leaves the others",
      '[mcp_servers.a]\nidentity = { comand = "x" }\n[mcp_servers.b]\nidentity = { command = 1 }\n[mcp_servers.c.identity]\ncommand = "ok"\n',
      ["mcp_servers.a.identity", "mcp_servers.b.identity"],
      [
        ["mcp_servers", "a"],
        ["mcp_servers", "b"],
      ],
    ],
  ])("%s", (_name, text, paths, removed) => {
    const result = collect(text);
    const render = (path: ReadonlyArray<string | number>) =>
      path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
    expect(result.errors.map((e) => render(e.path))).toEqual(paths);
    expect(result.removed).toEqual(removed);
    expect(result.complete).toBe(true);
    expect(requirementsSchemaCheck(result.pruned)).toBeNull();
  });

  it("touchesRemoved compares both ways", () => {
    const removed = [["rules", "prefix_rules", 1, "decision"]];
    expect(touchesRemoved(removed, ["rules", "prefix_rules", 1])).toBe(true);
    expect(touchesRemoved(removed, ["rules", "prefix_rules", 0])).toBe(false);
    expect(touchesRemoved([["rules"]], ["rules", "prefix_rules", 0])).toBe(true);
  });
});
