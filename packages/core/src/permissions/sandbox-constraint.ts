import { fallbackWarning, invalidValueMessage } from "../constraints/constraint-error.ts";
import type { PermissionProfile } from "./permission-profile.ts";
import { renderPermissionProfileDebug } from "./profile-debug.ts";
import { sandboxClassOf } from "./sandbox-class.ts";
import { type SandboxMode, sandboxModeDebug, sandboxModeListDebug } from "./sandbox-mode.ts";

/** A requirement value with the display of the source that set it (`(set by …)`, requirements-spec §2.1). */
export interface RequirementSourced<T> {
  value: T;
  source: string;
}

/** The validators Codex stacks on the permission-profile constraint (requirements-spec §3.2, §4.7). */
export interface SandboxConstraint {
  /** `allowed_sandbox_modes` after composition, or null when unset. */
  allowedSandboxModes: RequirementSourced<readonly SandboxMode[]> | null;
  /** Source of a non-empty managed `deny_read` list, or null when there is none. */
  denyReadSource: string | null;
}

/**
 * Normalization check of `allowed_sandbox_modes` (requirements-spec §1.1): the list must contain
 * `read-only`, else startup fails with this `ConstraintError` (note: no brackets around the allowed text).
 */
export function validateAllowedSandboxModes(allowed: RequirementSourced<readonly SandboxMode[]>): string | null {
  if (allowed.value.includes("read-only")) return null;
  const allowedText = "must include 'read-only' to allow any PermissionProfile";
  return invalidValueMessage("allowed_sandbox_modes", sandboxModeListDebug(allowed.value), allowedText, allowed.source);
}

/**
 * Runs the permission-profile constraint on a candidate (`Constrained::set`): first the
 * `allowed_sandbox_modes` validator, then the deny-read validator (`validate_permission_profile_for_deny_read`,
 * which rejects danger-full-access and external-sandbox). Returns the first `ConstraintError` text or null.
 */
export function checkSandboxConstraint(profile: PermissionProfile, constraint: SandboxConstraint): string | null {
  const candidate = sandboxClassOf(profile);
  const allowed = constraint.allowedSandboxModes;
  if (allowed !== null && !allowed.value.includes(candidate)) {
    return invalidValueMessage(
      "sandbox_mode",
      sandboxModeDebug(candidate),
      sandboxModeListDebug(allowed.value),
      allowed.source,
    );
  }
  if (constraint.denyReadSource !== null && (candidate === "danger-full-access" || candidate === "external-sandbox")) {
    const allowedText = "[read-only, workspace-write]";
    return invalidValueMessage("sandbox_mode", sandboxModeDebug(candidate), allowedText, constraint.denyReadSource);
  }
  return null;
}

/** The startup warning of `apply_requirement_constrained_value("permission_profile", …)` (requirements-spec §4.1). */
export function permissionProfileFallbackWarning(fallback: PermissionProfile, detail: string): string {
  return fallbackWarning("permission_profile", renderPermissionProfileDebug(fallback), detail);
}

/** The hard startup error when a danger-full-access request falls back to read-only under `approval_policy = "never"` (§4.8). */
export const NEVER_WITHOUT_DANGER_FULL_ACCESS_ERROR =
  '`approval_policy = "never"` cannot be used because requirements do not allow `sandbox_mode = "danger-full-access"`; Codex would fall back to read-only permissions with approvals disabled. Choose an `approval_policy` based on what you need, such as `on-request`, or choose an allowed sandbox mode.';

/**
 * The error of the second deny-read validator, which guards later profile changes that drop a managed deny
 * or make a denied path readable (requirements-spec §4.7); `candidate` is the path or `missing managed deny`.
 * Not reachable at startup; exported for runtime-change simulation.
 */
export function managedDenyReadViolation(candidate: string, source: string): string {
  return invalidValueMessage("permissions.filesystem", candidate, "all managed deny_read restrictions", source);
}
