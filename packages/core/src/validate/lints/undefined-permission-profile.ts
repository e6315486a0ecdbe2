import { isBuiltinProfileName } from "../../permissions/builtin-profiles.ts";
import { isTable } from "../../toml/toml-value.ts";
import { managedProfilesOf } from "../permission-profile-errors.ts";
import type { Lint } from "./lint.ts";

/**
 * `undefined-permission-profile`: `allowed_permission_profiles` names a profile that is neither
 * built in (`:read-only`, `:workspace`, `:danger-full-access`) nor defined as
 * `[permissions.<name>]` in this file. Codex refuses to start unless the machine's config.toml
 * happens to define it (requirements-spec §1.2), which requirements cannot rely on.
 */
export const undefinedPermissionProfile: Lint = ({ table }) => {
  const allowed = table.allowed_permission_profiles;
  if (!isTable(allowed)) return [];
  const managed = managedProfilesOf(table);
  return Object.keys(allowed)
    .filter((name) => !isBuiltinProfileName(name) && !Object.hasOwn(managed, name))
    .map((name) => ({
      code: "undefined-permission-profile",
      severity: "warning" as const,
      message: `profile \`${name}\` is not built in and not defined in this file: on a machine whose config.toml does not define [permissions.${name}], Codex refuses to start with "requirements.toml allowed_permission_profiles refers to undefined profile \`${name}\`". Define it here as [permissions.${name}] (for example with \`extends = ":workspace"\`).`,
      path: ["allowed_permission_profiles", name],
      at: "key" as const,
    }));
};
