import { isTable } from "../../toml/toml-value.ts";
import type { Lint } from "./lint.ts";

/**
 * `empty-mcp-allow-list`: `[mcp_servers]` present but empty in requirements.toml. A present
 * allow-list admits only the servers it names, so an empty one disables every configured MCP
 * server, and every plugin MCP server too (requirements-spec §4.10, §1.10: `mcp_servers = {}` is
 * not "absent").
 */
export const emptyMcpAllowList: Lint = ({ table }) => {
  const servers = table.mcp_servers;
  if (!isTable(servers) || Object.keys(servers).length > 0) return [];
  return [
    {
      code: "empty-mcp-allow-list",
      severity: "warning",
      message:
        "an empty MCP allow-list disables every MCP server, including plugin servers: Codex starts them with `enabled = false` and reason `requirements (…)`. List the allowed servers as `[mcp_servers.<name>.identity]`, or remove `[mcp_servers]` to allow any server.",
      path: ["mcp_servers"],
      at: "key",
    },
  ];
};
