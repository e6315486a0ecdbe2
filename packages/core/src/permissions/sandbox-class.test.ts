import { describe, expect, it } from "vitest";
import { readOnlyProfile, workspaceWriteProfile } from "./builtin-profiles.ts";
import type { FileSystemEntry, PermissionProfile } from "./permission-profile.ts";
import { hasFullDiskWriteAccess, sandboxClassOf } from "./sandbox-class.ts";

const root = (access: FileSystemEntry["access"]): FileSystemEntry => ({
  path: { type: "special", value: { kind: "root" } },
  access,
});
const managed = (entries: FileSystemEntry[]): PermissionProfile => ({
  type: "managed",
  fileSystem: { type: "restricted", entries, globScanMaxDepth: null },
  network: "restricted",
});

describe("sandboxClassOf", () => {
  it.each<[string, PermissionProfile, string]>([
    ["read-only builtin", readOnlyProfile(), "read-only"],
    ["workspace builtin", workspaceWriteProfile(), "workspace-write"],
    ["disabled", { type: "disabled" }, "danger-full-access"],
    ["external", { type: "external", network: "enabled" }, "external-sandbox"],
    ["root write", managed([root("write")]), "danger-full-access"],
    // Probed: `:root = "write"` + `"/etc" = "read"` passes `allowed_sandbox_modes = ["read-only", "workspace-write"]`.
    [
      "root write narrowed by a read path",
      managed([root("write"), { path: { type: "path", path: "/etc" }, access: "read" }]),
      "workspace-write",
    ],
    [
      "root write narrowed by a deny glob",
      managed([root("write"), { path: { type: "glob", pattern: "/x/*" }, access: "deny" }]),
      "workspace-write",
    ],
    [
      "root write with :minimal read",
      managed([root("write"), { path: { type: "special", value: { kind: "minimal" } }, access: "read" }]),
      "danger-full-access",
    ],
    [
      "same-target write shadows read",
      managed([
        root("write"),
        { path: { type: "path", path: "/a" }, access: "read" },
        { path: { type: "path", path: "/a" }, access: "write" },
      ]),
      "danger-full-access",
    ],
    ["a :root read entry does not narrow :root write", managed([root("write"), root("read")]), "danger-full-access"],
    ["a :root deny entry narrows :root write", managed([root("write"), root("deny")]), "workspace-write"],
    ["no entries", managed([]), "read-only"],
  ])("%s", (_name, profile, expected) => {
    expect(sandboxClassOf(profile)).toBe(expected);
  });

  it("treats an unrestricted managed file system as full-disk write", () => {
    expect(hasFullDiskWriteAccess({ type: "unrestricted" })).toBe(true);
    expect(hasFullDiskWriteAccess({ type: "restricted", entries: [root("deny")], globScanMaxDepth: null })).toBe(false);
  });
});
