/**
 * `[mcp_servers.<name>]` and `[plugins.<plugin>.mcp_servers.<name>]` (requirements-spec §1.4).
 * The identity is `#[serde(untagged)] RawMcpServerIdentity`; any shape error becomes
 * `data did not match any variant of untagged enum RawMcpServerIdentity`.
 */
import {
  type Infer,
  map,
  optional,
  required,
  seq,
  string,
  struct,
  taggedEnum,
  taggedVariant,
  transform,
  untagged,
} from "../serde/index.ts";

const valueField = { value: required(string(), { description: "String to compare with." }) };

/** `McpServerValueMatcher` (`#[serde(tag = "match", deny_unknown_fields)]`). */
export const mcpValueMatcherSchema = taggedEnum(
  "McpServerValueMatcher",
  "match",
  [
    taggedVariant(
      "exact",
      struct("McpServerValueMatcher::Exact", valueField, {
        denyUnknownFields: true,
        expecting: "struct variant McpServerValueMatcher::Exact",
      }),
      { description: "Byte-exact equality." },
    ),
    taggedVariant(
      "prefix",
      struct("McpServerValueMatcher::Prefix", valueField, {
        denyUnknownFields: true,
        expecting: "struct variant McpServerValueMatcher::Prefix",
      }),
      { description: "`starts_with`." },
    ),
    taggedVariant(
      "regex",
      struct(
        "McpServerValueMatcher::Regex",
        { expression: required(string(), { description: "regex_lite syntax, matched as `\\A(?:…)\\z`." }) },
        { denyUnknownFields: true, expecting: "struct variant McpServerValueMatcher::Regex" },
      ),
      { description: "Full-value regular expression (regex_lite)." },
    ),
  ],
  { description: "How one string is matched." },
);
/** One value matcher (`exact`, `prefix` or `regex`). */
export type McpValueMatcher = Infer<typeof mcpValueMatcherSchema>;

const commandMatcherSchema = struct(
  "McpServerCommandMatcher",
  {
    executable: required(string(), { description: "Must equal the configured stdio command exactly." }),
    args: required(seq(mcpValueMatcherSchema), {
      description: "One matcher per configured argument, positionally; lengths must be equal.",
    }),
  },
  { denyUnknownFields: true },
);

/** A parsed MCP server identity requirement. */
export type McpServerIdentity =
  | { readonly kind: "command"; readonly command: string }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "command-matcher"; readonly executable: string; readonly args: readonly McpValueMatcher[] }
  | { readonly kind: "url-matcher"; readonly url: McpValueMatcher };

/** `RawMcpServerIdentity`: exact command, exact URL, command matcher, URL matcher — tried in that order. */
export const mcpServerIdentitySchema = untagged(
  "RawMcpServerIdentity",
  [
    transform(
      struct("McpServerIdentity::Command", { command: required(string(), { description: "Exact stdio command." }) }),
      (raw): McpServerIdentity => ({ kind: "command", command: raw.command }),
    ),
    transform(
      struct("McpServerIdentity::Url", { url: required(string(), { description: "Exact streamable-HTTP URL." }) }),
      (raw): McpServerIdentity => ({ kind: "url", url: raw.url }),
    ),
    transform(
      struct("RawMcpServerCommandIdentity", { command: required(commandMatcherSchema) }),
      (raw): McpServerIdentity => ({ kind: "command-matcher", ...raw.command }),
    ),
    transform(
      struct("RawMcpServerUrlIdentity", { url: required(mcpValueMatcherSchema) }),
      (raw): McpServerIdentity => ({ kind: "url-matcher", url: raw.url }),
    ),
  ],
  { description: "Which configured MCP server this allow-list entry admits." },
);

/** `RawMcpServerRequirement`: one allow-listed MCP server (other keys are ignored). */
export const mcpServerRequirementSchema = struct("RawMcpServerRequirement", {
  identity: required(mcpServerIdentitySchema),
});
/** One `[mcp_servers.<name>]` entry. */
export type McpServerRequirement = Infer<typeof mcpServerRequirementSchema>;

/** `PluginMcpRequirements`: the MCP allow-list scoped to one plugin. */
export const pluginRequirementsSchema = struct("PluginMcpRequirements", {
  mcp_servers: optional(map(mcpServerRequirementSchema), { description: "Allowed MCP servers of this plugin." }),
});
/** One `[plugins.<name>]` entry. */
export type PluginRequirementsToml = Infer<typeof pluginRequirementsSchema>;
