/**
 * `[permissions]` in requirements.toml (requirements-spec §1.2): the reserved
 * `[permissions.filesystem]` and `[permissions.network]` tables plus managed profile definitions.
 * Profiles are a `#[serde(flatten)]` map, so their errors only name `permissions`.
 */

import {
  anyValue,
  bool,
  fail,
  flatMap,
  flatten,
  type Infer,
  invalidType,
  map,
  optional,
  refine,
  reparsed,
  type Schema,
  seq,
  string,
  stringEnum,
  struct,
  transform,
  unexpectedOf,
  untagged,
  usize,
} from "../serde/index.ts";
import { isTable } from "../toml/toml-value.ts";
import {
  type NetworkRequirementsToml,
  networkDomainsSchema,
  networkRequirementsSchema,
  networkUnixSocketsSchema,
} from "./network-requirements-schema.ts";

const PROFILE_KEYS = ["description", "extends", "workspace_roots", "filesystem", "network"] as const;

const rawFilesystemSchema = struct(
  "RawFilesystemRequirementsToml",
  {
    deny_read: optional(seq(string()), {
      description: "Paths or globs nobody may read; relative entries resolve against the layer's directory.",
    }),
    description: optional(anyValue()),
    extends: optional(anyValue()),
    workspace_roots: optional(anyValue()),
    filesystem: optional(anyValue()),
    network: optional(anyValue()),
  },
  { description: "Requirements-level filesystem constraints (reserved name; cannot define a profile)." },
);

/** `FilesystemRequirementsToml`: only `deny_read`; profile keys are rejected after the derive. */
export const filesystemRequirementsSchema = transform(
  refine(rawFilesystemSchema, (raw) =>
    PROFILE_KEYS.some((key) => raw[key] !== undefined)
      ? "`permissions.filesystem` is reserved for requirements-level filesystem constraints and cannot define a profile"
      : undefined,
  ),
  (raw) => (raw.deny_read === undefined ? {} : { deny_read: raw.deny_read }),
);

const RESERVED_NETWORK =
  "`permissions.network` in requirements.toml is reserved for shared network constraints; rename the managed profile (for example, to `network-access`) and update `default_permissions`, `allowed_permission_profiles`, and `extends`; check saved session profile references. Profiles named `network` in config.toml remain valid";

const reservedNetworkSchema = reparsed(networkRequirementsSchema, (value) =>
  isTable(value) && PROFILE_KEYS.some((key) => key in value) ? RESERVED_NETWORK : undefined,
);

/**
 * `[permissions.network]` (0.169.0): read as a table, profile keys rejected, then converted with
 * `try_into`, whose error Display (including its own `in` line) becomes the message.
 */
export const permissionsNetworkSchema: Schema<NetworkRequirementsToml> = {
  ...reservedNetworkSchema,
  expecting: "a map",
  deserialize: (value, mode) =>
    isTable(value) ? reservedNetworkSchema.deserialize(value, mode) : fail(invalidType(unexpectedOf(value), "a map")),
};

const accessMode = stringEnum("FileSystemAccessMode", ["read", "write", "none", "deny"], {
  description: "Filesystem access level.",
});

const filesystemPermissionSchema = untagged("FilesystemPermissionToml", [accessMode, map(accessMode)], {
  description: "An access mode, or a table of sub-path → access mode.",
});

/** config.toml `FilesystemPermissionsToml` (profile filesystem rules). */
const filesystemPermissionsSchema = struct("FilesystemPermissionsToml", {
  glob_scan_max_depth: optional(usize(), { description: "Maximum depth for expanding unreadable globs." }),
  entries: flatten(map(filesystemPermissionSchema), { description: "Path → access rule." }),
});

/** config.toml `NetworkToml` (profile network settings); `mitm` is kept unparsed. */
const profileNetworkSchema = struct("NetworkToml", {
  enabled: optional(bool()),
  proxy_url: optional(string()),
  enable_socks5: optional(bool()),
  socks_url: optional(string()),
  enable_socks5_udp: optional(bool()),
  allow_upstream_proxy: optional(bool()),
  dangerously_allow_non_loopback_proxy: optional(bool()),
  dangerously_allow_all_unix_sockets: optional(bool()),
  mode: optional(stringEnum("NetworkMode", ["limited", "full"])),
  domains: optional(networkDomainsSchema),
  unix_sockets: optional(networkUnixSocketsSchema),
  allow_local_binding: optional(bool()),
  mitm: optional(
    struct("NetworkMitmTomlUnchecked", {
      enabled: optional(bool()),
      hooks: optional(map(anyValue())),
      actions: optional(map(anyValue())),
    }),
  ),
});

/** A managed permission profile (same shape as config.toml `[permissions.<name>]`). */
export const permissionProfileSchema = struct(
  "PermissionProfileToml",
  {
    description: optional(string(), { description: "Human-readable description." }),
    extends: optional(string(), { description: "Built-in (`:read-only`, `:workspace`, …) or profile to extend." }),
    workspace_roots: optional(flatMap("WorkspaceRootsToml", bool()), { description: "Extra workspace roots." }),
    filesystem: optional(filesystemPermissionsSchema),
    network: optional(profileNetworkSchema),
  },
  { description: "A managed permission profile merged into the user's profile catalog." },
);
/** A managed permission profile definition. */
export type PermissionProfileToml = Infer<typeof permissionProfileSchema>;

/** `PermissionsRequirementsToml`: reserved tables plus `profiles` (every other key). */
export const permissionsRequirementsSchema = struct(
  "PermissionsRequirementsToml",
  {
    filesystem: optional(filesystemRequirementsSchema, {
      description: "Reserved: requirements-level `deny_read` only.",
    }),
    network: optional(permissionsNetworkSchema, {
      description: "Reserved (0.169.0): shared network constraints, same schema as `[network_proxy]`.",
    }),
    profiles: flatten(map(permissionProfileSchema), { description: "Managed permission profiles by name." }),
  },
  { description: "Managed permission profiles and reserved filesystem/network constraints." },
);
/** The parsed `[permissions]` table. */
export type PermissionsRequirementsToml = Infer<typeof permissionsRequirementsSchema>;
