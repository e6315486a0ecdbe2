import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { undefinedPermissionProfile } from "./undefined-permission-profile.ts";

describe("undefinedPermissionProfile", () => {
  it.each([
    ["built-ins only", '[allowed_permission_profiles]\n":workspace" = true\n":read-only" = true\n', []],
    [
      "a profile defined nowhere in the file",
      '[allowed_permission_profiles]\n":workspace" = true\ncorp = true\n',
      ["3:1 allowed_permission_profiles.corp"],
    ],
    [
      "a profile defined here",
      '[allowed_permission_profiles]\ncorp = true\n[permissions.corp]\nextends = ":workspace"\n',
      [],
    ],
    [
      "false entries are checked too",
      "[allowed_permission_profiles]\nold = false\n",
      ["2:1 allowed_permission_profiles.old"],
    ],
    [
      "the reserved tables are not profiles",
      "[allowed_permission_profiles]\nnetwork = true\n[permissions.network]\nenabled = true\n",
      ["2:1 allowed_permission_profiles.network"],
    ],
  ])("%s", (_name, text, expected) => {
    const found = runLint(undefinedPermissionProfile, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) expect(d.message).toContain("refers to undefined profile");
  });
});
