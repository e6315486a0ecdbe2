import { isProfileAllowed, type ProfileRequirements, requiredFallbackProfile } from "./permission-catalog.ts";

/** The profile id chosen before compilation, and the warning Codex printed while choosing it. */
export interface ProfileSelection {
  selected: string | null;
  warning: string | null;
}

/**
 * Applies `allowed_permission_profiles` to the configured selection (`resolve_default_permissions`,
 * requirements-spec §4.6 item 4): without the requirement the selection stands; otherwise nothing selected
 * ⇒ the required fallback silently, an allowed id ⇒ kept, a disallowed id ⇒ the fallback plus the warning
 * ``Configured value for `permission_profile` is disallowed by requirements; falling back from `X` to required value `Y`.``
 * Assumes `validateRequiredProfileCatalog` passed (so a fallback exists).
 */
export function selectPermissionProfile(
  configured: string | null,
  requirements: ProfileRequirements,
): ProfileSelection {
  const allowed = requirements.allowedPermissionProfiles;
  if (allowed === null) return { selected: configured, warning: null };
  const fallback = requiredFallbackProfile(requirements);
  if (fallback === null) return { selected: configured, warning: null };
  if (configured === null) return { selected: fallback, warning: null };
  if (isProfileAllowed(allowed, configured)) return { selected: configured, warning: null };
  return {
    selected: fallback,
    warning: `Configured value for \`permission_profile\` is disallowed by requirements; falling back from \`${configured}\` to required value \`${fallback}\`.`,
  };
}
