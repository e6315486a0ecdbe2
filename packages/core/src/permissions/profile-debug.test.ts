import { describe, expect, it } from "vitest";
import { readOnlyProfile } from "./builtin-profiles.ts";
import { renderPermissionProfileDebug } from "./profile-debug.ts";

describe("renderPermissionProfileDebug", () => {
  // Probed: the fallback value in every `permission_profile` warning of codex 0.169.0.
  it("renders the read-only profile exactly as Codex prints it", () => {
    expect(renderPermissionProfileDebug(readOnlyProfile())).toBe(
      "Managed { file_system: Restricted { entries: [FileSystemSandboxEntry { path: Special { value: Root }, access: Read, missing_path_behavior: None }], glob_scan_max_depth: None }, network: Restricted }",
    );
  });
  // [src] spellings (never printed at startup by 0.169.0, whose fallback is always read-only).
  it.each([
    [{ type: "disabled" } as const, "Disabled"],
    [{ type: "external", network: "enabled" } as const, "External { network: Enabled }"],
    [
      { type: "managed", fileSystem: { type: "unrestricted" }, network: "enabled" } as const,
      "Managed { file_system: Unrestricted, network: Enabled }",
    ],
  ])("renders %j", (profile, expected) => {
    expect(renderPermissionProfileDebug(profile)).toBe(expected);
  });
  it("renders glob depth and deny entries", () => {
    const text = renderPermissionProfileDebug({
      type: "managed",
      fileSystem: {
        type: "restricted",
        entries: [{ path: { type: "glob", pattern: "/x/*.pem" }, access: "deny" }],
        globScanMaxDepth: 3,
      },
      network: "restricted",
    });
    expect(text).toBe(
      'Managed { file_system: Restricted { entries: [FileSystemSandboxEntry { path: GlobPattern { pattern: "/x/*.pem" }, access: Deny, missing_path_behavior: None }], glob_scan_max_depth: Some(3) }, network: Restricted }',
    );
  });
});
