import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { managedProfileWithoutDefault } from "./managed-profile-without-default.ts";

describe("managedProfileWithoutDefault", () => {
  it.each([
    // Probed: with an empty user config.toml, 0.169.0 refuses to start with this file.
    [
      "a managed profile and nothing selecting it",
      '[permissions.corp]\nextends = ":workspace"\n',
      ["1:1 permissions.corp"],
    ],
    [
      "selected through allowed_permission_profiles",
      '[allowed_permission_profiles]\ncorp = true\n":read-only" = true\n[permissions.corp]\nextends = ":workspace"\n',
      [],
    ],
    ["default_permissions set", 'default_permissions = "corp"\n[permissions.corp]\nextends = ":workspace"\n', []],
    ["only the reserved tables", '[permissions.filesystem]\ndeny_read = ["/secret"]\n', []],
  ])("%s", (_name, text, expected) => {
    const found = runLint(managedProfileWithoutDefault, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) expect(d.message).toContain("does not set `default_permissions`");
  });
});
