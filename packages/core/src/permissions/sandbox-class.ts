import type { FileSystemEntry, ManagedFileSystem, PermissionProfile } from "./permission-profile.ts";
import { canWrite, sameFileSystemPath } from "./permission-profile.ts";
import type { SandboxMode } from "./sandbox-mode.ts";

// `has_same_target_write_override`: an equally specific write entry shadows a read/deny entry.
function hasSameTargetWrite(entries: readonly FileSystemEntry[], entry: FileSystemEntry): boolean {
  return entries.some((candidate) => canWrite(candidate) && sameFileSystemPath(candidate.path, entry.path));
}

// `FileSystemSandboxPolicy::has_write_narrowing_entries`: does any read/deny rule carve into `:root = write`?
function hasWriteNarrowingEntries(entries: readonly FileSystemEntry[]): boolean {
  return entries.some((entry) => {
    if (canWrite(entry)) return false;
    const path = entry.path;
    if (path.type === "glob") return true;
    if (path.type === "path") return !hasSameTargetWrite(entries, entry);
    switch (path.value.kind) {
      case "root":
        return entry.access === "deny";
      case "minimal":
      case "unknown":
        return false;
      default:
        return !hasSameTargetWrite(entries, entry);
    }
  });
}

/** `FileSystemSandboxPolicy::has_full_disk_write_access`: unrestricted, or `:root = write` with no narrowing rule. */
export function hasFullDiskWriteAccess(fileSystem: ManagedFileSystem): boolean {
  if (fileSystem.type === "unrestricted") return true;
  const rootWrite = fileSystem.entries.some(
    (entry) => entry.path.type === "special" && entry.path.value.kind === "root" && canWrite(entry),
  );
  return rootWrite && !hasWriteNarrowingEntries(fileSystem.entries);
}

/**
 * The sandbox class `allowed_sandbox_modes` is checked against
 * (`sandbox_mode_requirement_for_permission_profile`, requirements-spec §3.2): `Disabled` ⇒ danger-full-access,
 * `External` ⇒ external-sandbox, managed ⇒ danger-full-access on full-disk write, workspace-write when any
 * entry writes, else read-only.
 */
export function sandboxClassOf(profile: PermissionProfile): SandboxMode {
  if (profile.type === "disabled") return "danger-full-access";
  if (profile.type === "external") return "external-sandbox";
  if (hasFullDiskWriteAccess(profile.fileSystem)) return "danger-full-access";
  if (profile.fileSystem.type === "restricted" && profile.fileSystem.entries.some(canWrite)) return "workspace-write";
  return "read-only";
}
