import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { compileCustomProfile } from "./compile-profile.ts";

const ctx = { cwd: "/p", homeDir: "/home/u", platform: "linux" as const };

describe("compileCustomProfile", () => {
  it("compiles entries in key order with special paths, ~ paths, scoped entries and deny globs", () => {
    const profile: TomlTable = {
      filesystem: {
        "~/data": "write",
        ":root": "read",
        "/opt/base": { ".": "write", sub: "read", "*.pem": "deny" },
        ":workspace_roots": { ".": "write", ".git": "read" },
        "/x/**": "read",
      },
      network: { enabled: true },
      workspace_roots: { "/w": true, rel: true, "/off": false },
    };
    const result = compileCustomProfile("c", profile, ctx);
    expect(result.error).toBeNull();
    expect(result.profile).toEqual({
      type: "managed",
      fileSystem: {
        type: "restricted",
        entries: [
          { path: { type: "glob", pattern: "/opt/base/*.pem" }, access: "deny" },
          { path: { type: "path", path: "/opt/base" }, access: "write" },
          { path: { type: "path", path: "/opt/base/sub" }, access: "read" },
          { path: { type: "path", path: "/x" }, access: "read" },
          { path: { type: "special", value: { kind: "root" } }, access: "read" },
          { path: { type: "special", value: { kind: "project-roots", subpath: null } }, access: "write" },
          { path: { type: "special", value: { kind: "project-roots", subpath: ".git" } }, access: "read" },
          { path: { type: "path", path: "/home/u/data" }, access: "write" },
        ],
        globScanMaxDepth: null,
      },
      network: "enabled",
    });
    expect(result.workspaceRoots).toEqual(["/w", "/p/rel"]);
  });

  it("warns about unknown special paths, nested or not", () => {
    const result = compileCustomProfile(
      "c",
      { filesystem: { ":future": "read", ":workspace_roots": { ".": "write" }, ":next": { a: "read" } } },
      ctx,
    );
    expect(result.warnings).toEqual([
      "Configured filesystem path `:future` is not recognized by this version of Codex and will be ignored. Upgrade Codex if this path is required.",
      "Configured filesystem path `:next` with nested entry `a` is not recognized by this version of Codex and will be ignored. Upgrade Codex if this path is required.",
    ]);
  });

  it("skips the `**` warning on macOS and when glob_scan_max_depth is set", () => {
    const filesystem = { ":root": "read", "/a/**/*.key": "deny" };
    expect(compileCustomProfile("c", { filesystem }, ctx).warnings).toHaveLength(1);
    expect(compileCustomProfile("c", { filesystem }, { ...ctx, platform: "macos" }).warnings).toEqual([]);
    expect(compileCustomProfile("c", { filesystem: { ...filesystem, glob_scan_max_depth: 3n } }, ctx)).toMatchObject({
      warnings: [],
      profile: { fileSystem: { globScanMaxDepth: 3 } },
    });
  });

  it.each<[TomlTable, string]>([
    [
      { filesystem: { ":workspace_roots": { "../x": "read" } } },
      "filesystem subpath `../x` must be a descendant path without `.` or `..` components",
    ],
    [{ filesystem: { ":root": "bogus" } }, "data did not match any variant of untagged enum FilesystemPermissionToml"],
    [{ filesystem: { ":tmpdir": { a: "write" } } }, "filesystem path `:tmpdir` does not support nested entries"],
  ])("fails on %j", (profile, error) => {
    expect(compileCustomProfile("c", profile, ctx)).toMatchObject({ profile: null, error });
  });
});
