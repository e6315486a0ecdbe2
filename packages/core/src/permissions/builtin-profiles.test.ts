import { describe, expect, it } from "vitest";
import {
  builtinPermissionProfile,
  defaultBuiltinProfileName,
  extensibleBuiltinParent,
  isBuiltinProfileName,
  workspaceWriteProfile,
} from "./builtin-profiles.ts";

describe("builtin profiles", () => {
  it("defaults to :workspace for any trust decision, except unsandboxed Windows", () => {
    expect(defaultBuiltinProfileName("trusted", "linux", false)).toBe(":workspace");
    expect(defaultBuiltinProfileName("untrusted", "macos", false)).toBe(":workspace");
    expect(defaultBuiltinProfileName(null, "linux", false)).toBe(":read-only");
    expect(defaultBuiltinProfileName("trusted", "windows", false)).toBe(":read-only");
    expect(defaultBuiltinProfileName("trusted", "windows", true)).toBe(":workspace");
  });

  it("never takes writable roots from [sandbox_workspace_write] for :workspace", () => {
    const swr = { writableRoots: ["/x"], networkAccess: true, excludeTmpdirEnvVar: true, excludeSlashTmp: false };
    expect(builtinPermissionProfile(":workspace", swr)).toEqual(
      workspaceWriteProfile({ networkAccess: true, excludeTmpdirEnvVar: true, writableRoots: [] }),
    );
    expect(builtinPermissionProfile(":danger-full-access", null)).toEqual({ type: "disabled" });
    expect(builtinPermissionProfile("custom", null)).toBeNull();
  });

  it("only :read-only and :workspace are extensible", () => {
    expect(extensibleBuiltinParent(":read-only")).toEqual({ filesystem: { ":root": "read" } });
    expect(extensibleBuiltinParent(":danger-full-access")).toBeNull();
    expect([":read-only", ":workspace", ":danger-full-access", ":other"].map(isBuiltinProfileName)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
