import { managedProfilesOf } from "../permission-profile-errors.ts";
import type { Lint } from "./lint.ts";

/**
 * `managed-profile-without-default`: requirements.toml defines `[permissions.<name>]` profiles but
 * neither `allowed_permission_profiles` nor `default_permissions`. The managed profiles join every
 * user's profile catalog, and Codex then refuses to start for any user whose config.toml selects
 * no profile and does not use the legacy `sandbox_mode` (probed: `config defines `[permissions]`
 * profiles but does not set `default_permissions``), which is the default setup.
 */
export const managedProfileWithoutDefault: Lint = ({ table }) => {
  const names = Object.keys(managedProfilesOf(table));
  if (names.length === 0 || "allowed_permission_profiles" in table || "default_permissions" in table) return [];
  const name = names[0]!;
  return [
    {
      code: "managed-profile-without-default",
      severity: "warning",
      message: `managed profile \`${name}\` is added to every user's profile catalog, and Codex refuses to start for users whose config.toml sets neither \`default_permissions\` nor \`sandbox_mode\`: "config defines \`[permissions]\` profiles but does not set \`default_permissions\`". Select it here: \`default_permissions = "${name}"\` with \`[allowed_permission_profiles] ${name} = true\` (plus any other allowed profiles).`,
      path: ["permissions", name],
      at: "key",
    },
  ];
};
