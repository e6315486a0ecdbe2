import type { Platform } from "./builtin-profiles.ts";
import type { FileSystemEntry, FileSystemSpecialPath, PermissionProfile } from "./permission-profile.ts";
import { isSameOrAncestor, joinPosixPath } from "./posix-path.ts";
import { hasFullDiskWriteAccess } from "./sandbox-class.ts";
import type { SandboxMode } from "./sandbox-mode.ts";

/** The legacy sandbox policy exactly as app-server `thread/start` reports it in `sandbox` (oracle.md §2.1). */
export type SandboxPolicyJson =
  | { type: "readOnly"; networkAccess: boolean }
  | {
      type: "workspaceWrite";
      writableRoots: string[];
      networkAccess: boolean;
      excludeTmpdirEnvVar: boolean;
      excludeSlashTmp: boolean;
    }
  | { type: "dangerFullAccess" }
  | { type: "externalSandbox"; networkAccess: "restricted" | "enabled" };

/** What the projection needs besides the profile: cwd, runtime workspace roots (cwd first) and `$TMPDIR`. */
export interface ProjectionContext {
  cwd: string;
  workspaceRoots: readonly string[];
  tmpdir: string | null;
  platform: Platform;
}

function dedupe(paths: string[]): string[] {
  return [...new Set(paths)];
}

// Concrete locations of a special path once workspace roots are materialized.
function specialLocations(value: FileSystemSpecialPath, ctx: ProjectionContext): string[] {
  switch (value.kind) {
    case "root":
      return ["/"];
    case "slash-tmp":
      return ctx.platform === "windows" ? [] : ["/tmp"];
    case "tmpdir":
      return ctx.tmpdir === null ? [] : [ctx.tmpdir];
    case "project-roots":
      return ctx.workspaceRoots.map((root) => (value.subpath === null ? root : joinPosixPath(root, value.subpath)));
    default:
      return [];
  }
}

function entryLocations(entry: FileSystemEntry, ctx: ProjectionContext): string[] {
  if (entry.path.type === "glob") return [];
  if (entry.path.type === "path") return [entry.path.path];
  return specialLocations(entry.path.value, ctx);
}

// `can_write_path_with_cwd`: the most specific matching entry decides; on a tie deny beats write beats read.
function canWritePath(entries: readonly FileSystemEntry[], target: string, ctx: ProjectionContext): boolean {
  const rank = { read: 0, write: 1, deny: 2 } as const;
  let best: { length: number; access: FileSystemEntry["access"] } | null = null;
  for (const entry of entries) {
    for (const location of entryLocations(entry, ctx)) {
      if (!isSameOrAncestor(location, target)) continue;
      const length = location === "/" ? 0 : location.length;
      if (best === null || length > best.length || (length === best.length && rank[entry.access] > rank[best.access])) {
        best = { length, access: entry.access };
      }
    }
  }
  return best?.access === "write";
}

// `compatibility_workspace_write_policy` (codex-sandboxing): used when the profile writes outside the workspace.
function compatibilityWorkspaceWrite(
  entries: readonly FileSystemEntry[],
  networkAccess: boolean,
  ctx: ProjectionContext,
): SandboxPolicyJson {
  const writable = entries.filter((entry) => entry.access === "write").flatMap((entry) => entryLocations(entry, ctx));
  const slashTmpWritable = ctx.platform !== "windows" && canWritePath(entries, "/tmp", ctx);
  const tmpdirWritable = ctx.tmpdir !== null && canWritePath(entries, ctx.tmpdir, ctx);
  return {
    type: "workspaceWrite",
    writableRoots: dedupe(writable.filter((root) => root !== ctx.cwd)),
    networkAccess,
    excludeTmpdirEnvVar: !tmpdirWritable,
    excludeSlashTmp: !slashTmpWritable,
  };
}

/**
 * Projects a permission profile to the legacy `SandboxPolicy` app-server reports
 * (`compatibility_sandbox_policy_for_permission_profile` → `to_legacy_sandbox_policy`): full-disk write is
 * `dangerFullAccess` with network and `externalSandbox` without; a writable workspace root is
 * `workspaceWrite` (cwd itself never listed); writes only elsewhere fall back to a synthesized
 * `workspaceWrite`; no writes is `readOnly`.
 */
export function projectSandboxPolicy(profile: PermissionProfile, ctx: ProjectionContext): SandboxPolicyJson {
  if (profile.type === "disabled") return { type: "dangerFullAccess" };
  if (profile.type === "external") return { type: "externalSandbox", networkAccess: profile.network };
  const networkAccess = profile.network === "enabled";
  if (hasFullDiskWriteAccess(profile.fileSystem)) {
    return networkAccess ? { type: "dangerFullAccess" } : { type: "externalSandbox", networkAccess: "restricted" };
  }
  if (profile.fileSystem.type !== "restricted") return { type: "dangerFullAccess" };
  const entries = profile.fileSystem.entries;
  let workspaceRootWritable = false;
  let unbridgeableRootWrite = false;
  let tmpdirWritable = false;
  let slashTmpWritable = false;
  const writableRoots: string[] = [];
  for (const entry of entries) {
    if (entry.access !== "write" || entry.path.type === "glob") continue;
    if (entry.path.type === "path") {
      if (entry.path.path === ctx.cwd) workspaceRootWritable = true;
      else writableRoots.push(entry.path.path);
      continue;
    }
    const value = entry.path.value;
    if (value.kind === "root") unbridgeableRootWrite = true;
    else if (value.kind === "tmpdir") tmpdirWritable = true;
    else if (value.kind === "slash-tmp") slashTmpWritable = true;
    else if (value.kind === "project-roots") {
      for (const location of specialLocations(value, ctx)) {
        if (location === ctx.cwd) workspaceRootWritable = true;
        else writableRoots.push(location);
      }
    }
  }
  if (workspaceRootWritable) {
    return {
      type: "workspaceWrite",
      writableRoots: dedupe(writableRoots),
      networkAccess,
      excludeTmpdirEnvVar: !tmpdirWritable,
      excludeSlashTmp: !slashTmpWritable,
    };
  }
  const unixSlashTmp = ctx.platform !== "windows" && slashTmpWritable;
  if (unbridgeableRootWrite || writableRoots.length > 0 || tmpdirWritable || unixSlashTmp) {
    return compatibilityWorkspaceWrite(entries, networkAccess, ctx);
  }
  return { type: "readOnly", networkAccess };
}

const MODE_BY_TYPE: Record<SandboxPolicyJson["type"], SandboxMode> = {
  readOnly: "read-only",
  workspaceWrite: "workspace-write",
  dangerFullAccess: "danger-full-access",
  externalSandbox: "external-sandbox",
};

/** The sandbox mode name of a reported policy (`workspaceWrite` ⇒ `workspace-write`, …), as the oracle derives it. */
export function sandboxModeOfPolicy(policy: SandboxPolicyJson): SandboxMode {
  return MODE_BY_TYPE[policy.type];
}
