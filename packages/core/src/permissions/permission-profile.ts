/**
 * The canonical permission profile model (`codex_protocol::models::PermissionProfile` and
 * `codex_protocol::permissions::FileSystemSandboxEntry`), reduced to what sandbox selection needs.
 */

/** Access granted by one filesystem entry (`FileSystemAccessMode`; TOML `read`/`write`/`deny`). */
export type FileSystemAccess = "read" | "write" | "deny";

/** A symbolic filesystem location (`FileSystemSpecialPath`): `:root`, `:minimal`, `:workspace_roots[/sub]`, … */
export type FileSystemSpecialPath =
  | { kind: "root" }
  | { kind: "minimal" }
  | { kind: "project-roots"; subpath: string | null }
  | { kind: "tmpdir" }
  | { kind: "slash-tmp" }
  | { kind: "unknown"; path: string; subpath: string | null };

/** Where an entry applies: a special path, an absolute path, or a deny-read glob pattern. */
export type FileSystemPath =
  | { type: "special"; value: FileSystemSpecialPath }
  | { type: "path"; path: string }
  | { type: "glob"; pattern: string };

/** One filesystem rule of a restricted policy. */
export interface FileSystemEntry {
  path: FileSystemPath;
  access: FileSystemAccess;
}

/** Whether a profile's sandbox lets processes reach the network. */
export type NetworkPolicy = "restricted" | "enabled";

/** Filesystem part of a managed profile: a restricted entry list or full access. */
export type ManagedFileSystem =
  | { type: "restricted"; entries: FileSystemEntry[]; globScanMaxDepth: number | null }
  | { type: "unrestricted" };

/** A permission profile: Codex-managed sandbox, no sandbox (`Disabled`), or an external sandbox. */
export type PermissionProfile =
  | { type: "managed"; fileSystem: ManagedFileSystem; network: NetworkPolicy }
  | { type: "disabled" }
  | { type: "external"; network: NetworkPolicy };

/** True for an entry that grants write access (`FileSystemAccessMode::can_write`). */
export function canWrite(entry: FileSystemEntry): boolean {
  return entry.access === "write";
}

/** True when two filesystem paths are the same target (structural equality). */
export function sameFileSystemPath(left: FileSystemPath, right: FileSystemPath): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
