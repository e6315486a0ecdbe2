import type { TomlTable } from "../toml/toml-value.ts";
import type { FileSystemEntry, NetworkPolicy, PermissionProfile } from "./permission-profile.ts";

/** Built-in profile ids (`BUILT_IN_PERMISSION_PROFILE_*`, requirements-spec §1.2). */
export const READ_ONLY_PROFILE = ":read-only";
/** The built-in workspace-write profile id. */
export const WORKSPACE_PROFILE = ":workspace";
/** The built-in no-sandbox profile id. */
export const DANGER_FULL_ACCESS_PROFILE = ":danger-full-access";

/** The legacy `[sandbox_workspace_write]` table (`SandboxWorkspaceWrite`), paths already absolute. */
export interface SandboxWorkspaceWrite {
  writableRoots: string[];
  networkAccess: boolean;
  excludeTmpdirEnvVar: boolean;
  excludeSlashTmp: boolean;
}

/** Options of the workspace-write builtin (`PermissionProfile::workspace_write_with`). */
export type WorkspaceWriteOptions = SandboxWorkspaceWrite;

/** True for `:read-only`, `:workspace` and `:danger-full-access`. */
export function isBuiltinProfileName(name: string): boolean {
  return name === READ_ONLY_PROFILE || name === WORKSPACE_PROFILE || name === DANGER_FULL_ACCESS_PROFILE;
}

/** `PermissionProfile::read_only()`: read everything, write nothing, network restricted. */
export function readOnlyProfile(): PermissionProfile {
  return {
    type: "managed",
    fileSystem: {
      type: "restricted",
      entries: [{ path: { type: "special", value: { kind: "root" } }, access: "read" }],
      globScanMaxDepth: null,
    },
    network: "restricted",
  };
}

/** `PermissionProfile::workspace_write_with`: read everything, write the workspace roots, tmp dirs and extra roots. */
export function workspaceWriteProfile(options: Partial<WorkspaceWriteOptions> = {}): PermissionProfile {
  const entries: FileSystemEntry[] = [
    { path: { type: "special", value: { kind: "root" } }, access: "read" },
    { path: { type: "special", value: { kind: "project-roots", subpath: null } }, access: "write" },
  ];
  for (const protectedDir of [".git", ".agents", ".codex"]) {
    entries.push({
      path: { type: "special", value: { kind: "project-roots", subpath: protectedDir } },
      access: "read",
    });
  }
  if (!options.excludeTmpdirEnvVar)
    entries.push({ path: { type: "special", value: { kind: "tmpdir" } }, access: "write" });
  if (!options.excludeSlashTmp)
    entries.push({ path: { type: "special", value: { kind: "slash-tmp" } }, access: "write" });
  for (const root of options.writableRoots ?? []) entries.push({ path: { type: "path", path: root }, access: "write" });
  const network: NetworkPolicy = options.networkAccess ? "enabled" : "restricted";
  return { type: "managed", fileSystem: { type: "restricted", entries, globScanMaxDepth: null }, network };
}

/**
 * The profile a built-in id selects (`builtin_permission_profile`); `:workspace` takes the network and tmp
 * flags of `[sandbox_workspace_write]` only when given (the implicit default), never its writable roots.
 */
export function builtinPermissionProfile(
  name: string,
  workspaceWrite: SandboxWorkspaceWrite | null,
): PermissionProfile | null {
  if (name === READ_ONLY_PROFILE) return readOnlyProfile();
  if (name === DANGER_FULL_ACCESS_PROFILE) return { type: "disabled" };
  if (name !== WORKSPACE_PROFILE) return null;
  return workspaceWrite ? workspaceWriteProfile({ ...workspaceWrite, writableRoots: [] }) : workspaceWriteProfile();
}

/** The TOML a custom profile inherits from `extends = ":read-only" | ":workspace"` (`extensible_builtin_parent_profile`). */
export function extensibleBuiltinParent(name: string): TomlTable | null {
  if (name === READ_ONLY_PROFILE) return { filesystem: { ":root": "read" } };
  if (name === WORKSPACE_PROFILE) {
    return {
      filesystem: {
        ":root": "read",
        ":workspace_roots": { ".": "write", ".git": "read", ".agents": "read", ".codex": "read" },
        ":slash_tmp": "write",
        ":tmpdir": "write",
      },
    };
  }
  return null;
}

/** The platform Codex runs on, as far as sandbox defaults care. */
export type Platform = "linux" | "macos" | "windows";

/**
 * The built-in default when nothing is selected (`default_builtin_permission_profile_name`, spec §4.5):
 * any trust decision gives `:workspace`, except on Windows with its sandbox disabled; otherwise `:read-only`.
 */
export function defaultBuiltinProfileName(
  trust: "trusted" | "untrusted" | null,
  platform: Platform,
  windowsSandboxEnabled: boolean,
): string {
  if (trust !== null && !(platform === "windows" && !windowsSandboxEnabled)) return WORKSPACE_PROFILE;
  return READ_ONLY_PROFILE;
}
