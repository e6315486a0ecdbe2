import { describe, expect, it } from "vitest";
import { emptyMcpAllowList } from "./empty-mcp-allow-list.ts";
import { runLint, where } from "./lint-fixture.ts";

describe("emptyMcpAllowList", () => {
  it.each([
    ["an empty [mcp_servers] table", "[mcp_servers]\n", ["1:1 mcp_servers"]],
    ["an empty inline table", "mcp_servers = {}\n", ["1:1 mcp_servers"]],
    ["a non-empty allow-list", '[mcp_servers.docs.identity]\ncommand = "docs-mcp"\n', []],
    ["no allow-list", 'allowed_sandbox_modes = ["read-only"]\n', []],
    ["a wrong type (a type error, not this lint)", "mcp_servers = []\n", []],
  ])("%s", (_name, text, expected) => {
    const found = runLint(emptyMcpAllowList, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d).toMatchObject({ code: "empty-mcp-allow-list", severity: "warning" });
      expect(d.message).toContain("disables every MCP server");
    }
  });
});
