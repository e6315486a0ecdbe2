import { describe, expect, it } from "vitest";
import {
  mergePermissionCatalog,
  type ProfileRequirements,
  requiredFallbackProfile,
  validateRequiredProfileCatalog,
} from "./permission-catalog.ts";

const req = (partial: Partial<ProfileRequirements>): ProfileRequirements => ({
  allowedPermissionProfiles: null,
  defaultPermissions: null,
  managedProfiles: {},
  ...partial,
});

describe("permission catalog", () => {
  it("implies `:workspace` only when both `:workspace` and `:read-only` are allowed", () => {
    expect(
      requiredFallbackProfile(req({ allowedPermissionProfiles: { ":workspace": true, ":read-only": true } })),
    ).toBe(":workspace");
    expect(
      requiredFallbackProfile(req({ allowedPermissionProfiles: { ":workspace": true, ":read-only": false } })),
    ).toBe(null);
  });

  it("knows config and managed profiles, reporting undefined ids in sorted order", () => {
    const allowed = { zeta: true, ":read-only": true, ":workspace": true, alpha: true, mine: true };
    expect(validateRequiredProfileCatalog(req({ allowedPermissionProfiles: allowed }), { mine: {} })).toBe(
      "requirements.toml allowed_permission_profiles refers to undefined profile `alpha`",
    );
    const managed = req({
      allowedPermissionProfiles: { corp: true },
      defaultPermissions: "corp",
      managedProfiles: { corp: {} },
    });
    expect(validateRequiredProfileCatalog(managed, {})).toBeNull();
  });

  it("rejects conflicts before reserved names", () => {
    expect(mergePermissionCatalog({ corp: {}, ":x": {} }, { corp: {} }).error).toBe(
      "requirements.toml permissions profile `corp` conflicts with a config-defined profile of the same name",
    );
    expect(mergePermissionCatalog({ ":x": {} }, {}).error).toBe(
      "permissions profile `:x` uses a reserved built-in profile prefix",
    );
    expect(mergePermissionCatalog({ a: {} }, { b: {} })).toEqual({ catalog: { a: {}, b: {} }, error: null });
  });
});
