/**
 * `[network_proxy]` (alias `[experimental_network]`) and `[permissions.network]` network
 * requirements (requirements-spec §1.5). Field order is the 0.169.0 declaration order, probed by
 * reading the table from an array (serde's positional form).
 */
import {
  bool,
  flatMap,
  type Infer,
  map,
  optional,
  refine,
  required,
  seq,
  setOwn,
  string,
  stringEnum,
  struct,
  transform,
  u16,
} from "../serde/index.ts";

const allowDeny = stringEnum("NetworkDomainPermissionToml", ["allow", "deny"], {
  description: "Allow or deny matching destinations.",
});
const unixAllowDeny = stringEnum("NetworkUnixSocketPermissionToml", ["allow", "deny"], {
  description: "Allow or deny a Unix socket path.",
});

/** `NetworkDomainPermissionsToml`: domain pattern → `allow` | `deny` (a flattened map). */
export const networkDomainsSchema = flatMap("NetworkDomainPermissionsToml", allowDeny, {
  description: "Domain policy: pattern → `allow` | `deny`.",
});

/** `NetworkUnixSocketPermissionsToml`: socket path → `allow` | `deny` (a flattened map). */
export const networkUnixSocketsSchema = flatMap("NetworkUnixSocketPermissionsToml", unixAllowDeny, {
  description: "Unix socket policy: path → `allow` | `deny`.",
});

/** `NetworkHeaderInjectionToml`: request annotations for matching hosts. */
export const networkHeaderInjectionSchema = struct("NetworkHeaderInjectionToml", {
  host: required(string(), { description: "Host the injection applies to." }),
  methods: required(seq(string()), { description: "HTTP methods to match." }),
  path_prefixes: required(seq(string()), { description: "Request path prefixes to match." }),
  headers: required(map(string()), { description: "Headers to add (values are redacted in debug output)." }),
});

const rawNetworkRequirementsSchema = struct(
  "RawNetworkRequirementsToml",
  {
    enabled: optional(bool(), { description: "Turn the managed network proxy on or off." }),
    http_port: optional(u16(), { description: "HTTP proxy port." }),
    socks_port: optional(u16(), { description: "SOCKS proxy port." }),
    allow_upstream_proxy: optional(bool()),
    dangerously_allow_non_loopback_proxy: optional(bool()),
    dangerously_allow_all_unix_sockets: optional(bool()),
    domains: optional(networkDomainsSchema, { description: "Canonical domain policy." }),
    allowed_domains: optional(seq(string()), { description: "Legacy allow list (converted to `domains`)." }),
    review_domains: optional(seq(string()), { description: "Domains whose requests are reviewed (0.169.0)." }),
    managed_allowed_domains_only: optional(bool(), {
      description: "Only managed allow entries count while managed enforcement is active.",
    }),
    denied_domains: optional(seq(string()), { description: "Legacy deny list (converted to `domains`)." }),
    unix_sockets: optional(networkUnixSocketsSchema),
    allow_unix_sockets: optional(seq(string()), { description: "Legacy allow list (converted to `unix_sockets`)." }),
    allow_local_binding: optional(bool()),
    header_injections: optional(seq(networkHeaderInjectionSchema), {
      description: "Requirements-only header injections.",
    }),
  },
  { description: "Managed network constraints." },
);

// §1.5: 0.169.0 wording (the stored source still says `experimental_network.domains`).
const checkedNetworkSchema = refine(rawNetworkRequirementsSchema, (raw) => {
  if (raw.domains !== undefined && (raw.allowed_domains !== undefined || raw.denied_domains !== undefined)) {
    return "`domains` cannot be combined with legacy `allowed_domains` or `denied_domains` in managed network requirements";
  }
  if (raw.unix_sockets !== undefined && raw.allow_unix_sockets !== undefined) {
    return "`unix_sockets` cannot be combined with legacy `allow_unix_sockets` in managed network requirements";
  }
  return undefined;
});

/**
 * `NetworkRequirementsToml`: legacy lists folded into the canonical maps (allow entries first, deny
 * entries overwrite; empty legacy lists count as unset).
 */
export const networkRequirementsSchema = transform(checkedNetworkSchema, (raw) => {
  const { allowed_domains, denied_domains, allow_unix_sockets, ...rest } = raw;
  const out: Omit<typeof raw, "allowed_domains" | "denied_domains" | "allow_unix_sockets"> = rest;
  if (out.domains === undefined) {
    const entries: Record<string, "allow" | "deny"> = {};
    for (const pattern of allowed_domains ?? []) setOwn(entries, pattern, "allow");
    for (const pattern of denied_domains ?? []) setOwn(entries, pattern, "deny");
    if (Object.keys(entries).length > 0) out.domains = entries;
  }
  if (out.unix_sockets === undefined && (allow_unix_sockets ?? []).length > 0) {
    const sockets: Record<string, "allow" | "deny"> = {};
    for (const socket of allow_unix_sockets ?? []) setOwn(sockets, socket, "allow");
    out.unix_sockets = sockets;
  }
  return out;
});
/** Network requirements after legacy-list conversion. */
export type NetworkRequirementsToml = Infer<typeof networkRequirementsSchema>;
