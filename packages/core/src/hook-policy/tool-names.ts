/**
 * How Codex names tools to hooks (hooks-execpolicy-spec §1.5): shell tools are all `Bash`, patches
 * `apply_patch`, MCP tools `mcp__<server>__<tool>`; some tools also answer to matcher aliases.
 */

/** Matcher aliases: a hook matcher is tested against the tool name and each of these. */
export const TOOL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  apply_patch: ["Write", "Edit"],
  spawn_agent: ["Agent"],
};

/** Tools whose `tool_input.command` is a shell command. */
export const SHELL_TOOLS: ReadonlySet<string> = new Set(["Bash", "exec_argv"]);

/** The server and tool of an MCP tool name (`mcp__github__create_issue`), or null for other tools. */
export function splitMcpToolName(name: string): { server: string; tool: string } | null {
  if (!name.startsWith("mcp__")) return null;
  const rest = name.slice(5);
  const separator = rest.indexOf("__");
  if (separator <= 0) return null;
  return { server: rest.slice(0, separator), tool: rest.slice(separator + 2) };
}
