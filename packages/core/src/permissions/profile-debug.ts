import type {
  FileSystemEntry,
  FileSystemPath,
  FileSystemSpecialPath,
  PermissionProfile,
} from "./permission-profile.ts";

// Rust `Debug` of `FileSystemSpecialPath`. Only `Root` is confirmed against 0.169.0 (the read-only fallback);
// the other spellings follow the variant names in codex-rs/protocol/src/permissions.rs.
function specialDebug(value: FileSystemSpecialPath): string {
  const subpath = (sub: string | null) => (sub === null ? "None" : `Some(${JSON.stringify(sub)})`);
  switch (value.kind) {
    case "root":
      return "Root";
    case "minimal":
      return "Minimal";
    case "tmpdir":
      return "Tmpdir";
    case "slash-tmp":
      return "SlashTmp";
    case "project-roots":
      return `ProjectRoots { subpath: ${subpath(value.subpath)} }`;
    case "unknown":
      return `Unknown { path: ${JSON.stringify(value.path)}, subpath: ${subpath(value.subpath)} }`;
  }
}

function pathDebug(path: FileSystemPath): string {
  if (path.type === "special") return `Special { value: ${specialDebug(path.value)} }`;
  if (path.type === "glob") return `GlobPattern { pattern: ${JSON.stringify(path.pattern)} }`;
  return `Path { path: ${JSON.stringify(path.path)} }`;
}

const ACCESS_DEBUG = { read: "Read", write: "Write", deny: "Deny" } as const;

function entryDebug(entry: FileSystemEntry): string {
  return `FileSystemSandboxEntry { path: ${pathDebug(entry.path)}, access: ${ACCESS_DEBUG[entry.access]}, missing_path_behavior: None }`;
}

const NETWORK_DEBUG = { restricted: "Restricted", enabled: "Enabled" } as const;

/**
 * Renders a permission profile like Rust's `{:?}`, as used in the `permission_profile` fallback warning
 * (requirements-spec §4.1), e.g. `Managed { file_system: Restricted { entries: [...], glob_scan_max_depth: None }, network: Restricted }`.
 */
export function renderPermissionProfileDebug(profile: PermissionProfile): string {
  if (profile.type === "disabled") return "Disabled";
  if (profile.type === "external") return `External { network: ${NETWORK_DEBUG[profile.network]} }`;
  const fs = profile.fileSystem;
  const fileSystem =
    fs.type === "unrestricted"
      ? "Unrestricted"
      : `Restricted { entries: [${fs.entries.map(entryDebug).join(", ")}], glob_scan_max_depth: ${
          fs.globScanMaxDepth === null ? "None" : `Some(${fs.globScanMaxDepth})`
        } }`;
  return `Managed { file_system: ${fileSystem}, network: ${NETWORK_DEBUG[profile.network]} }`;
}
