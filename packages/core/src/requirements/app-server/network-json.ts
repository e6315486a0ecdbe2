/**
 * Managed network requirements → `ConfigRequirements.network` and `.application` (observed on
 * 0.169.0).
 *
 * The table comes from `[network_proxy]`, its alias `[experimental_network]`, or
 * `[permissions.network]` (Codex rejects more than one surface). Legacy lists are folded into the
 * canonical maps (allow entries first, deny entries overwrite); the `allowedDomains`,
 * `deniedDomains` and `allowUnixSockets` lists are derived back from the maps in key order.
 * `header_injections` never appears. Domains and socket paths are printed as written.
 */
import type { TomlTable } from "../../toml/toml-value.ts";
import { resolveCodexPath } from "./codex-paths.ts";
import {
  boolAt,
  compareCodePoints,
  integerAt,
  sortedMap,
  sortedMapAt,
  stringAt,
  stringsAt,
  tableAt,
} from "./toml-access.ts";

/** The network requirements table of a composed requirements table, from whichever surface sets it. */
export function networkTableOf(composed: TomlTable): TomlTable | undefined {
  return (
    tableAt(composed, "network_proxy") ??
    tableAt(composed, "experimental_network") ??
    tableAt(tableAt(composed, "permissions"), "network")
  );
}

/** The `network` object, or null when no network table is present (an empty table still prints). */
export function toNetworkJson(network: TomlTable | undefined): Record<string, unknown> | null {
  if (!network) return null;
  const domains = canonicalMap(network, "domains", [
    ["allowed_domains", "allow"],
    ["denied_domains", "deny"],
  ]);
  const unixSockets = canonicalMap(network, "unix_sockets", [["allow_unix_sockets", "allow"]]);
  return {
    enabled: boolAt(network, "enabled"),
    httpPort: integerAt(network, "http_port"),
    socksPort: integerAt(network, "socks_port"),
    allowUpstreamProxy: boolAt(network, "allow_upstream_proxy"),
    dangerouslyAllowNonLoopbackProxy: boolAt(network, "dangerously_allow_non_loopback_proxy"),
    dangerouslyAllowAllUnixSockets: boolAt(network, "dangerously_allow_all_unix_sockets"),
    domains,
    reviewDomains: stringsAt(network, "review_domains"),
    managedAllowedDomainsOnly: boolAt(network, "managed_allowed_domains_only"),
    allowedDomains: keysWith(domains, "allow"),
    deniedDomains: keysWith(domains, "deny"),
    unixSockets,
    allowUnixSockets: keysWith(unixSockets, "allow"),
    allowLocalBinding: boolAt(network, "allow_local_binding"),
  };
}

// The canonical map wins when present (even `{}`); otherwise the legacy lists build it, and
// empty or absent legacy lists leave it null.
function canonicalMap(
  network: TomlTable,
  key: string,
  legacy: ReadonlyArray<readonly [string, string]>,
): Record<string, string> | null {
  const canonical = tableAt(network, key);
  if (canonical) return sortedMap(canonical, String) as Record<string, string>;
  const merged: TomlTable = {};
  for (const [listKey, permission] of legacy) {
    for (const entry of stringsAt(network, listKey) ?? []) merged[entry] = permission;
  }
  return Object.keys(merged).length > 0 ? (sortedMap(merged, String) as Record<string, string>) : null;
}

function keysWith(map: Record<string, string> | null, permission: string): string[] | null {
  const keys = Object.keys(map ?? {})
    .filter((key) => map![key] === permission)
    .sort(compareCodePoints);
  return keys.length > 0 ? keys : null;
}

/** Path context for `[application.storage]`. */
export interface ApplicationPathContext {
  baseDir: string;
  homeDir?: string;
}

/** True when `[application]` sets `network` or any storage path. */
export function hasApplicationRequirements(application: TomlTable | undefined): boolean {
  const storage = tableAt(application, "storage");
  return (
    tableAt(application, "network") !== undefined ||
    stringAt(storage, "default_project_parent") !== null ||
    stringAt(storage, "projectless_workspace_root") !== null
  );
}

/** The `application` object, or null when `hasApplicationRequirements` is false. */
export function toApplicationJson(
  application: TomlTable | undefined,
  context: ApplicationPathContext,
): Record<string, unknown> | null {
  if (!hasApplicationRequirements(application)) return null;
  const network = tableAt(application, "network");
  const storage = tableAt(application, "storage");
  const path = (value: string | null) =>
    value === null ? null : resolveCodexPath(value, context.baseDir, context.homeDir);
  return {
    // `enabled` defaults to true and `domains` to an empty map.
    network: network
      ? { enabled: boolAt(network, "enabled") ?? true, domains: sortedMapAt(network, "domains", String) ?? {} }
      : null,
    storage: storage
      ? {
          defaultProjectParent: path(stringAt(storage, "default_project_parent")),
          projectlessWorkspaceRoot: path(stringAt(storage, "projectless_workspace_root")),
        }
      : null,
  };
}
