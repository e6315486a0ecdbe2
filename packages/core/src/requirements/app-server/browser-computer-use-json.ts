/**
 * `[computer_use]`, `[browser_use]` and `[in_app_browser]` → their camelCase objects (observed
 * on 0.169.0).
 *
 * Each object is null when "empty" (no scalar set and every nested map/list empty or all-unset);
 * once non-empty, nested tables print as written, empty ones included (`macos: {bundleIds: {}}`).
 */
import { isTable, type TomlTable } from "../../toml/toml-value.ts";
import { arrayAt, boolAt, has, sortedMapAt, stringAt, tableAt } from "./toml-access.ts";

/** True when `[computer_use]` sets anything Codex counts. */
export function hasComputerUseRequirements(computerUse: TomlTable | undefined): boolean {
  if (!computerUse) return false;
  const windows = tableAt(computerUse, "windows");
  return (
    has(computerUse, "allow_locked_computer_use") ||
    has(computerUse, "allow_persistent_approval") ||
    has(computerUse, "default_app_access") ||
    nonEmptyTable(tableAt(tableAt(computerUse, "macos"), "bundle_ids")) ||
    nonEmptyTable(tableAt(windows, "aumids")) ||
    (arrayAt(windows, "exes")?.length ?? 0) > 0
  );
}

/** The `computerUse` object, or null. */
export function toComputerUseJson(computerUse: TomlTable | undefined): Record<string, unknown> | null {
  if (!computerUse || !hasComputerUseRequirements(computerUse)) return null;
  const macos = tableAt(computerUse, "macos");
  const windows = tableAt(computerUse, "windows");
  const exes = arrayAt(windows, "exes");
  return {
    allowLockedComputerUse: boolAt(computerUse, "allow_locked_computer_use"),
    allowPersistentApproval: boolAt(computerUse, "allow_persistent_approval"),
    defaultAppAccess: stringAt(computerUse, "default_app_access"),
    macos: macos ? { bundleIds: sortedMapAt(macos, "bundle_ids") } : null,
    windows: windows
      ? {
          aumids: sortedMapAt(windows, "aumids"),
          exes: exes
            ? exes.filter(isTable).map((exe) => ({
                publisherName: stringAt(exe, "publisher_name"),
                productName: stringAt(exe, "product_name"),
                binaryName: stringAt(exe, "binary_name"),
                access: stringAt(exe, "access"),
              }))
            : null,
        }
      : null,
  };
}

const ORIGIN_POLICY_FIELDS = [
  ["access", "access"],
  ["downloads", "downloads"],
  ["uploads", "uploads"],
  ["full_cdp_access", "fullCdpAccess"],
  ["auto_review", "autoReview"],
  ["persistent_approval", "persistentApproval"],
  ["access_approval_lifetime", "accessApprovalLifetime"],
] as const;

const BROWSER_FLAGS = [
  ["allow_webmcp", "allowWebmcp"],
  ["allow_history_access", "allowHistoryAccess"],
  ["disable_auto_review", "disableAutoReview"],
  ["allow_global_persistent_approval", "allowGlobalPersistentApproval"],
] as const;

/** True when `[browser_use]` sets anything Codex counts (an origin with no field does not count). */
export function hasBrowserUseRequirements(browserUse: TomlTable | undefined): boolean {
  if (!browserUse) return false;
  const origins = tableAt(browserUse, "origins");
  return (
    BROWSER_FLAGS.some(([key]) => has(browserUse, key)) ||
    has(tableAt(browserUse, "extension"), "request_headers") ||
    originPolicySet(tableAt(browserUse, "default_origin_policy")) ||
    Object.values(origins ?? {}).some((policy) => isTable(policy) && originPolicySet(policy))
  );
}

/** The `browserUse` object, or null. */
export function toBrowserUseJson(browserUse: TomlTable | undefined): Record<string, unknown> | null {
  if (!browserUse || !hasBrowserUseRequirements(browserUse)) return null;
  const extension = tableAt(browserUse, "extension");
  const headers = arrayAt(extension, "request_headers");
  const defaultPolicy = tableAt(browserUse, "default_origin_policy");
  const out: Record<string, unknown> = {
    extension: extension
      ? {
          requestHeaders: headers
            ? headers.filter(isTable).map((h) => ({ name: stringAt(h, "name"), value: stringAt(h, "value") }))
            : null,
        }
      : null,
  };
  for (const [key, json] of BROWSER_FLAGS) out[json] = boolAt(browserUse, key);
  out.defaultOriginPolicy = defaultPolicy ? originPolicyJson(defaultPolicy) : null;
  out.origins = sortedMapAt(browserUse, "origins", (policy) => originPolicyJson(isTable(policy) ? policy : {}));
  return out;
}

function originPolicySet(policy: TomlTable | undefined): boolean {
  return ORIGIN_POLICY_FIELDS.some(([key]) => has(policy, key));
}

function originPolicyJson(policy: TomlTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, json] of ORIGIN_POLICY_FIELDS) {
    const value = policy[key];
    out[json] = typeof value === "string" || typeof value === "boolean" ? value : null;
  }
  return out;
}

/** The `inAppBrowser` object, or null when its one field is unset. */
export function toInAppBrowserJson(inAppBrowser: TomlTable | undefined): Record<string, unknown> | null {
  const allow = boolAt(inAppBrowser, "allow_external_browser_settings_import");
  return allow === null ? null : { allowExternalBrowserSettingsImport: allow };
}

function nonEmptyTable(table: TomlTable | undefined): boolean {
  return table !== undefined && Object.keys(table).length > 0;
}
