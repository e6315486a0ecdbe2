import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { permissionProfileErrors } from "./permission-profile-errors.ts";

function run(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return permissionProfileErrors(parsed.document.value).map((f) => [f.path!.join("."), f.message]);
}

describe("permissionProfileErrors", () => {
  it.each([
    ["no profile requirements", 'allowed_sandbox_modes = ["read-only"]\n', []],
    [
      "both built-ins allowed (implicit :workspace)",
      '[allowed_permission_profiles]\n":workspace" = true\n":read-only" = true\n',
      [],
    ],
    // Probed texts (requirements-spec §6.1 cases 21-23 and the reserved prefix).
    [
      "default without allow-list",
      'default_permissions = ":workspace"\n',
      [["default_permissions", "requirements.toml default_permissions requires allowed_permission_profiles"]],
    ],
    [
      "no fallback",
      '[allowed_permission_profiles]\n":workspace" = true\n',
      [
        [
          "allowed_permission_profiles",
          "requirements.toml default_permissions must be set unless allowed_permission_profiles allows both `:workspace` and `:read-only`",
        ],
      ],
    ],
    [
      "fallback not allowed",
      'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":workspace" = true\n',
      [
        [
          "default_permissions",
          "requirements.toml default_permissions `:read-only` must be allowed by allowed_permission_profiles",
        ],
      ],
    ],
    [
      "reserved prefix",
      '[permissions.":corp"]\nextends = ":workspace"\n',
      [["permissions.:corp", "permissions profile `:corp` uses a reserved built-in profile prefix"]],
    ],
    // Undefined profiles may come from a user's config.toml: a lint, not an error.
    [
      "undefined profile is not an error here",
      'default_permissions = "corp"\n[allowed_permission_profiles]\ncorp = true\n',
      [],
    ],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
