/**
 * `[apps]` and `[marketplaces]` (requirements-spec §1.8). `[apps]` is a flattened map of
 * flattened maps, so every error inside it is reported as `in `apps``.
 */
import {
  bool,
  defaulted,
  flatMap,
  type Infer,
  map,
  optional,
  path,
  required,
  string,
  stringEnum,
  struct,
} from "../serde/index.ts";

const analyticsSourceSchema = struct(
  "AppToolResultSourceRequirementToml",
  {
    format: required(string(), { description: "`detailed_message_search_v1`; unknown formats are kept." }),
    type: required(string(), { description: "Source kind emitted with each extracted ID." }),
  },
  { denyUnknownFields: true, description: "Opt-in analytics extraction for this tool." },
);

const appToolSchema = struct("AppToolRequirementToml", {
  approval_mode: optional(stringEnum("AppToolApproval", ["auto", "prompt", "writes", "approve"]), {
    description: "Approval mode forced for this tool.",
  }),
  analytics_result_source: optional(analyticsSourceSchema),
});

const appSchema = struct("AppRequirementToml", {
  enabled: optional(bool(), { description: "Enable or disable the app." }),
  tools: optional(flatMap("AppToolsRequirementsToml", appToolSchema), { description: "Per-tool settings." }),
});

/** `AppsRequirementsToml`: app id → requirement. */
export const appsRequirementsSchema = flatMap("AppsRequirementsToml", appSchema, {
  description: "Per-app (connector) requirements.",
});
/** The parsed `[apps]` table. */
export type AppsRequirementsToml = Infer<typeof appsRequirementsSchema>;

const allowedSourceSchema = struct(
  "MarketplaceAllowedSourceToml",
  {
    source: optional(stringEnum("MarketplaceAllowedSourceKind", ["git", "host_pattern", "local"])),
    url: optional(string()),
    ref: optional(string()),
    host_pattern: optional(string()),
    path: optional(path()),
  },
  { denyUnknownFields: true, description: "One allowed plugin marketplace source." },
);

/** `MarketplaceRequirementsToml` (`deny_unknown_fields`). */
export const marketplacesRequirementsSchema = struct(
  "MarketplaceRequirementsToml",
  {
    restrict_to_allowed_sources: optional(bool(), { description: "Only allow the listed marketplace sources." }),
    allowed_sources: defaulted(map(allowedSourceSchema), () => ({}), { description: "Allowed sources by id." }),
  },
  { denyUnknownFields: true, description: "Plugin marketplace restrictions." },
);
/** The parsed `[marketplaces]` table. */
export type MarketplacesRequirementsToml = Infer<typeof marketplacesRequirementsSchema>;
