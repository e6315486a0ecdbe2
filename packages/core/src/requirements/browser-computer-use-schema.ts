/**
 * `[computer_use]`, `[browser_use]` and `[in_app_browser]` (requirements-spec §1.8). Enforced by
 * subsystems outside the spec; only the shape is modelled. Field order follows 0.169.0 (probed).
 */
import { bool, type Infer, map, optional, required, seq, string, stringEnum, struct } from "../serde/index.ts";

const allowDeny = stringEnum("AllowDenyRequirementToml", ["allow", "deny"], { description: "Allow or deny." });

const originPolicySchema = struct("BrowserUseOriginPolicyToml", {
  access: optional(allowDeny),
  downloads: optional(allowDeny),
  uploads: optional(allowDeny),
  full_cdp_access: optional(allowDeny),
  auto_review: optional(allowDeny),
  persistent_approval: optional(bool()),
  access_approval_lifetime: optional(stringEnum("BrowserUseAccessApprovalLifetimeToml", ["turn", "thread"])),
});

const extensionSchema = struct("BrowserUseExtensionRequirementsToml", {
  request_headers: optional(
    seq(
      struct(
        "RequestHeaderToml",
        { name: required(string()), value: required(string()) },
        { denyUnknownFields: true, description: "A header the browser extension adds to requests." },
      ),
    ),
  ),
});

/** `BrowserUseRequirementsToml`. */
export const browserUseRequirementsSchema = struct(
  "BrowserUseRequirementsToml",
  {
    extension: optional(extensionSchema, { description: "Browser extension settings (0.169.0)." }),
    allow_webmcp: optional(bool()),
    allow_history_access: optional(bool()),
    disable_auto_review: optional(bool()),
    allow_global_persistent_approval: optional(bool()),
    default_origin_policy: optional(originPolicySchema, { description: "Policy for origins not listed." }),
    origins: optional(map(originPolicySchema), { description: "Policy per origin." }),
  },
  { description: "Browser use restrictions." },
);

const exeSchema = struct("ComputerUseWindowsExeRequirementToml", {
  publisher_name: required(string()),
  product_name: required(string()),
  binary_name: optional(string()),
  access: required(allowDeny),
});

/** `ComputerUseRequirementsToml`. */
export const computerUseRequirementsSchema = struct(
  "ComputerUseRequirementsToml",
  {
    allow_locked_computer_use: optional(bool(), { description: "Allow operating while the screen is locked." }),
    allow_persistent_approval: optional(bool()),
    default_app_access: optional(allowDeny),
    macos: optional(
      struct("ComputerUseMacosRequirementsToml", {
        bundle_ids: optional(map(allowDeny), { description: "By bundle id." }),
      }),
    ),
    windows: optional(
      struct("ComputerUseWindowsRequirementsToml", {
        aumids: optional(map(allowDeny), { description: "By AppUserModelID." }),
        exes: optional(seq(exeSchema), { description: "By signed executable." }),
      }),
    ),
  },
  { description: "Computer use restrictions." },
);

/** `InAppBrowserRequirementsToml`. */
export const inAppBrowserRequirementsSchema = struct("InAppBrowserRequirementsToml", {
  allow_external_browser_settings_import: optional(bool()),
});

/** The parsed `[browser_use]` table. */
export type BrowserUseRequirementsToml = Infer<typeof browserUseRequirementsSchema>;
/** The parsed `[computer_use]` table. */
export type ComputerUseRequirementsToml = Infer<typeof computerUseRequirementsSchema>;
