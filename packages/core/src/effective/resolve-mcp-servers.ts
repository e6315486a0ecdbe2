import { type McpTransport, mcpIdentityMatches } from "../requirements/mcp-identity.ts";
import type { McpServerRequirement } from "../requirements/mcp-requirements-schema.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/** One configured MCP server's state as `codex mcp list --json` reports it. */
export interface McpServerState {
  enabled: boolean;
  disabledReason: string | null;
}

/** The `[mcp_servers]` allow-list requirement and the display string of who set it. */
export interface McpAllowList {
  servers: Readonly<Record<string, McpServerRequirement>>;
  source: string;
}

function transportOf(server: TomlTable): McpTransport | null {
  if (typeof server.command === "string") {
    const args = Array.isArray(server.args)
      ? (server.args as TomlValue[]).filter((a): a is string => typeof a === "string")
      : [];
    return { kind: "stdio", command: server.command, args };
  }
  if (typeof server.url === "string") return { kind: "streamable_http", url: server.url };
  return null;
}

/**
 * Applies the MCP allow-list to the configured servers (requirements-spec §4.10): with a
 * `[mcp_servers]` requirement (even an empty one) a server stays as configured only when it is
 * listed by name and its command or URL matches the identity; otherwise it is disabled with the
 * reason `requirements ({source})`. Listed but unconfigured names do nothing.
 */
export function resolveMcpServers(
  configured: TomlValue | undefined,
  allowList: McpAllowList | null,
): Record<string, McpServerState> {
  const out: Record<string, McpServerState> = {};
  if (!isTable(configured)) return out;
  for (const name of Object.keys(configured).sort()) {
    const server = configured[name];
    if (!isTable(server)) continue;
    const enabled = server.enabled !== false;
    if (allowList === null) {
      out[name] = { enabled, disabledReason: null };
      continue;
    }
    const requirement = allowList.servers[name];
    const transport = transportOf(server);
    const allowed =
      requirement !== undefined && transport !== null && mcpIdentityMatches(requirement.identity, transport);
    out[name] = allowed
      ? { enabled, disabledReason: null }
      : { enabled: false, disabledReason: `requirements (${allowList.source})` };
  }
  return out;
}
