/**
 * MCP server identity requirements: regex validation at normalization time and matching against a
 * configured server (requirements-spec §1.4, §4.10). Texts probed against Codex 0.169.0.
 */
import type {
  McpServerIdentity,
  McpServerRequirement,
  McpValueMatcher,
  PluginRequirementsToml,
} from "./mcp-requirements-schema.ts";
import { RegexLite } from "./regex-lite.ts";

/** How a configured MCP server is reached. */
export type McpTransport =
  | { readonly kind: "stdio"; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: "streamable_http"; readonly url: string };

// Rust compares `String`s bytewise (UTF-8), i.e. by code point; JS `<` compares UTF-16 units.
function byCodePoint(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

/** `McpServerValueMatcher::validate`: plain regex first, then the `\A(?:…)\z` full-value form. */
export function validateValueMatcher(matcher: McpValueMatcher): string | undefined {
  if (matcher.match !== "regex") return undefined;
  const plain = RegexLite.compile(matcher.expression);
  if ("error" in plain) return `invalid regex \`${matcher.expression}\`: ${plain.error}`;
  const full = RegexLite.compile(`\\A(?:${matcher.expression})\\z`);
  if ("error" in full) return `regex \`${matcher.expression}\` cannot be used for full-value matching: ${full.error}`;
  return undefined;
}

/** The reason an identity is invalid, or `undefined` (exact identities are always valid). */
export function validateMcpIdentity(identity: McpServerIdentity): string | undefined {
  if (identity.kind === "url-matcher") return validateValueMatcher(identity.url);
  if (identity.kind !== "command-matcher") return undefined;
  for (const [index, arg] of identity.args.entries()) {
    const reason = validateValueMatcher(arg);
    if (reason) return `invalid argument matcher at index ${index}: ${reason}`;
  }
  return undefined;
}

/** `invalid requirement for MCP server `{name}` (set by {source}): {reason}`. */
export function formatMcpRequirementError(serverName: string, source: string, reason: string): string {
  return `invalid requirement for MCP server \`${serverName}\` (set by ${source}): ${reason}`;
}

/**
 * Normalization check over `mcp_servers` then `plugins.*.mcp_servers` (BTreeMap order); returns the
 * first error text. Plugin servers are named `{plugin}/{server}`.
 */
export function validateMcpRequirements(
  servers: Readonly<Record<string, McpServerRequirement>> | undefined,
  plugins: Readonly<Record<string, PluginRequirementsToml>> | undefined,
  sources: { readonly mcpServers: string; readonly plugins: string },
): string | undefined {
  const check = (entries: Readonly<Record<string, McpServerRequirement>>, source: string, prefix: string) => {
    for (const name of Object.keys(entries).sort(byCodePoint)) {
      const reason = validateMcpIdentity((entries[name] as McpServerRequirement).identity);
      if (reason) return formatMcpRequirementError(`${prefix}${name}`, source, reason);
    }
    return undefined;
  };
  const top = servers ? check(servers, sources.mcpServers, "") : undefined;
  if (top) return top;
  for (const plugin of Object.keys(plugins ?? {}).sort(byCodePoint)) {
    const pluginServers = plugins?.[plugin]?.mcp_servers;
    const error = pluginServers ? check(pluginServers, sources.plugins, `${plugin}/`) : undefined;
    if (error) return error;
  }
  return undefined;
}

/** `McpServerValueMatcher::matches` (regex: full match; an uncompilable regex never matches). */
export function valueMatcherMatches(matcher: McpValueMatcher, candidate: string): boolean {
  if (matcher.match === "exact") return candidate === matcher.value;
  if (matcher.match === "prefix") return candidate.startsWith(matcher.value);
  const full = RegexLite.compile(`\\A(?:${matcher.expression})\\z`);
  return !("error" in full) && full.isMatch(candidate);
}

/** Whether a configured server satisfies an identity requirement (exact forms are byte-exact). */
export function mcpIdentityMatches(identity: McpServerIdentity, transport: McpTransport): boolean {
  switch (identity.kind) {
    case "command":
      return transport.kind === "stdio" && transport.command === identity.command;
    case "url":
      return transport.kind === "streamable_http" && transport.url === identity.url;
    case "command-matcher":
      return (
        transport.kind === "stdio" &&
        transport.command === identity.executable &&
        transport.args.length === identity.args.length &&
        identity.args.every((matcher, index) => valueMatcherMatches(matcher, transport.args[index] as string))
      );
    case "url-matcher":
      return transport.kind === "streamable_http" && valueMatcherMatches(identity.url, transport.url);
  }
}
