import { describe, expect, it } from "vitest";
import { readOnlyProfile, workspaceWriteProfile } from "./builtin-profiles.ts";
import type { FileSystemEntry, PermissionProfile } from "./permission-profile.ts";
import { type ProjectionContext, projectSandboxPolicy, sandboxModeOfPolicy } from "./sandbox-policy.ts";

const ctx: ProjectionContext = { cwd: "/p", workspaceRoots: ["/p"], tmpdir: null, platform: "linux" };
const managed = (entries: FileSystemEntry[], network: "restricted" | "enabled" = "restricted"): PermissionProfile => ({
  type: "managed",
  fileSystem: { type: "restricted", entries, globScanMaxDepth: null },
  network,
});
const special = (kind: "root" | "tmpdir" | "slash-tmp", access: FileSystemEntry["access"]): FileSystemEntry => ({
  path: { type: "special", value: { kind } },
  access,
});

describe("projectSandboxPolicy", () => {
  it("projects the built-ins like thread/start (probed)", () => {
    expect(projectSandboxPolicy(readOnlyProfile(), ctx)).toEqual({ type: "readOnly", networkAccess: false });
    expect(projectSandboxPolicy(workspaceWriteProfile(), ctx)).toEqual({
      type: "workspaceWrite",
      writableRoots: [],
      networkAccess: false,
      excludeTmpdirEnvVar: false,
      excludeSlashTmp: false,
    });
    expect(projectSandboxPolicy({ type: "disabled" }, ctx)).toEqual({ type: "dangerFullAccess" });
  });

  it("lists extra workspace roots but never the cwd", () => {
    const policy = projectSandboxPolicy(workspaceWriteProfile({ writableRoots: ["/p", "/o"] }), {
      ...ctx,
      workspaceRoots: ["/p", "/w"],
    });
    expect(policy).toMatchObject({ type: "workspaceWrite", writableRoots: ["/w", "/o"] });
  });

  it("uses the compatibility projection for writes outside the workspace, honouring $TMPDIR", () => {
    const profile = managed([special("root", "read"), special("tmpdir", "write")]);
    expect(projectSandboxPolicy(profile, { ...ctx, tmpdir: "/var/t" })).toEqual({
      type: "workspaceWrite",
      writableRoots: ["/var/t"],
      networkAccess: false,
      excludeTmpdirEnvVar: false,
      excludeSlashTmp: true,
    });
    expect(projectSandboxPolicy(profile, ctx)).toMatchObject({ writableRoots: [], excludeTmpdirEnvVar: true });
  });

  it("maps full-disk write to external-sandbox without network (probed)", () => {
    expect(projectSandboxPolicy(managed([special("root", "write")]), ctx)).toEqual({
      type: "externalSandbox",
      networkAccess: "restricted",
    });
    expect(projectSandboxPolicy(managed([special("root", "write")], "enabled"), ctx)).toEqual({
      type: "dangerFullAccess",
    });
  });

  it("names the mode after the policy type", () => {
    expect(sandboxModeOfPolicy({ type: "externalSandbox", networkAccess: "enabled" })).toBe("external-sandbox");
    expect(sandboxModeOfPolicy({ type: "readOnly", networkAccess: true })).toBe("read-only");
  });
});
