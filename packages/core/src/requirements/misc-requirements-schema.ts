/**
 * Smaller requirement tables (requirements-spec §1.8, §1.9): `[feedback]`, `[windows]`,
 * `[auto_review]`, `[models]`, `[application]`, and the partially modelled `[model_providers]`.
 */
import {
  bool,
  defaulted,
  fail,
  flatMap,
  type Infer,
  map,
  ok,
  optional,
  path,
  required,
  type Schema,
  seq,
  string,
  stringEnum,
  struct,
  u64,
  unknownVariant,
} from "../serde/index.ts";

/** `FeedbackConfigToml`. */
export const feedbackSchema = struct("FeedbackConfigToml", {
  enabled: optional(bool(), { description: "Whether `/feedback` is enabled (exact override)." }),
});

/**
 * `WindowsRequirementsToml` (0.169.0: `require_mxc`, `allow_mxc`). `sandbox_private_desktop` is no
 * longer a field: like any unknown key it is ignored, whatever its type (probed).
 */
export const windowsRequirementsSchema = struct(
  "WindowsRequirementsToml",
  {
    allowed_sandbox_implementations: optional(seq(stringEnum("WindowsSandboxModeToml", ["elevated", "unelevated"])), {
      description: "Allowed Windows sandbox implementations; must not be empty; `elevated` preferred.",
    }),
    require_mxc: optional(bool(), { description: "0.169.0; semantics not traced." }),
    allow_mxc: optional(bool(), { description: "0.169.0; semantics not traced." }),
  },
  { description: "Windows sandbox requirements." },
);

/** `AutoReviewRequirementsToml`. */
export const autoReviewRequirementsSchema = struct("AutoReviewRequirementsToml", {
  required_on_models: optional(seq(string()), {
    description: "Model slugs that always use auto-review (no whitespace, no provider namespace).",
  }),
  ignore_rules: optional(seq(string())),
});

/** `ModelsRequirementsToml`. */
export const modelsRequirementsSchema = struct("ModelsRequirementsToml", {
  new_thread: optional(
    struct(
      "NewThreadModelDefaultsToml",
      {
        model: optional(string()),
        model_reasoning_effort: optional(string(), { description: "Any string is accepted by 0.169.0." }),
        service_tier: optional(string()),
      },
      { description: "Initial values for new threads." },
    ),
  ),
});

/** `ApplicationRequirementsToml` (desktop application; `deny_unknown_fields` throughout). */
export const applicationRequirementsSchema = struct(
  "ApplicationRequirementsToml",
  {
    network: optional(
      struct(
        "Network",
        {
          enabled: optional(bool()),
          domains: optional(map(stringEnum("NetworkDomainPermission", ["allow", "deny"]))),
        },
        { denyUnknownFields: true },
      ),
    ),
    storage: optional(
      struct(
        "ApplicationStorageRequirementsToml",
        { default_project_parent: optional(path()), projectless_workspace_root: optional(path()) },
        { denyUnknownFields: true },
      ),
    ),
  },
  { denyUnknownFields: true, description: "Desktop application requirements." },
);

// `wire_api` is read as a String, then matched by hand.
const wireApiSchema: Schema<"responses"> = {
  expecting: "a string",
  deserialize(value, mode) {
    const result = string().deserialize(value, mode);
    if (!result.ok) return result;
    return result.value === "responses" ? ok("responses") : fail(unknownVariant(result.value, ["responses"]));
  },
  toJsonSchema: () => ({ type: "string", enum: ["responses"] }),
};

/**
 * `ModelProviderInfo` (partial: the frequently used fields; unknown keys are ignored as in
 * Codex). Only the merged requirements are checked against it (layer.rs skips it per layer).
 */
export const modelProviderSchema = struct("ModelProviderInfo", {
  name: defaulted(string(), () => "", { description: "Display name; must not be empty." }),
  base_url: optional(string()),
  env_key: optional(string()),
  env_key_instructions: optional(string()),
  experimental_bearer_token: optional(string()),
  wire_api: optional(wireApiSchema),
  query_params: optional(map(string())),
  http_headers: optional(map(string())),
  env_http_headers: optional(map(string())),
  request_max_retries: optional(u64()),
  stream_max_retries: optional(u64()),
  stream_idle_timeout_ms: optional(u64()),
  requires_openai_auth: optional(bool()),
  supports_websockets: optional(bool()),
  auth: optional(
    struct("ModelProviderAuthInfo", {
      command: required(string()),
      args: defaulted(seq(string()), () => []),
      timeout_ms: optional(u64()),
      refresh_interval_ms: optional(u64()),
      cwd: optional(path(), { description: "Resolved against the layer directory before merging." }),
    }),
  ),
});

/** The parsed `[features]` table: feature key → pinned value. */
export const featureRequirementsSchema = flatMap("FeatureRequirementsInput", bool(), {
  description: "Feature pins: feature key → forced value.",
});

/** One model provider definition from requirements. */
export type ModelProviderInfo = Infer<typeof modelProviderSchema>;
