import { describe, expect, it } from "vitest";
import { selectPermissionProfile } from "./select-permission-profile.ts";

const requirements = {
  allowedPermissionProfiles: { ":workspace": true, ":read-only": true, custom: false },
  defaultPermissions: null,
  managedProfiles: {},
};

describe("selectPermissionProfile", () => {
  it.each<[string | null, string | null, string | null]>([
    [null, ":workspace", null],
    [":read-only", ":read-only", null],
    [
      "custom",
      ":workspace",
      "Configured value for `permission_profile` is disallowed by requirements; falling back from `custom` to required value `:workspace`.",
    ],
  ])("%j ⇒ %j", (configured, selected, warning) => {
    expect(selectPermissionProfile(configured, requirements)).toEqual({ selected, warning });
  });

  it("keeps any selection without `allowed_permission_profiles`", () => {
    const free = { ...requirements, allowedPermissionProfiles: null };
    expect(selectPermissionProfile(":danger-full-access", free)).toEqual({
      selected: ":danger-full-access",
      warning: null,
    });
  });
});
