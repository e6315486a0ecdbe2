import type { FeatureRegistry } from "../features/feature-registry.ts";
import { readFeatureEntries } from "../features/read-feature-entries.ts";
import {
  approvalsReviewerSchema,
  askForApprovalSchema,
  sandboxModeSchema,
  webSearchModeSchema,
} from "../requirements/approval-schemas.ts";
import { unexpectedOf } from "../serde/rust-display.ts";
import type { Schema } from "../serde/schema.ts";
import { invalidType, unknownVariant } from "../serde/serde-error.ts";
import { isTable, TomlDateTime, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/**
 * One `ConfigToml` deserialization failure, worded both ways Codex shows it (probed on 0.169.0):
 * from a file (`toml::from_str`, e.g. `wanted string or table`) and from a `toml::Value` (merged
 * layers / `-c`, e.g. `invalid type: unit variant, expected string only` + `in `approval_policy``).
 */
export interface ConfigSchemaIssue {
  readonly valueMessage: string;
  readonly textMessage: string;
  /** The `toml::de::Error` key path (`in `a.b``); flattened maps contribute no keys. */
  readonly keyPath: readonly string[];
  /** The `serde_path_to_error` path Codex uses to find the span in the file (keys, variants, indexes). */
  readonly spanPath: ReadonlyArray<string | number>;
}

type Path = ReadonlyArray<string | number>;
type Check = (value: TomlValue, path: Path, keyPath: readonly string[]) => ConfigSchemaIssue | null;

const UNIT_VARIANT = "invalid type: unit variant, expected string only";

function issue(message: string, keyPath: readonly string[], spanPath: Path = keyPath): ConfigSchemaIssue {
  return {
    valueMessage: message,
    textMessage: message === UNIT_VARIANT ? "wanted string or table" : message,
    keyPath,
    spanPath,
  };
}

const str: Check = (value, path, keyPath) =>
  typeof value === "string" || value instanceof TomlDateTime
    ? null
    : issue(invalidType(unexpectedOf(value), "a string"), keyPath, path);

const bool: Check = (value, path, keyPath) =>
  typeof value === "boolean" ? null : issue(invalidType(unexpectedOf(value), "a boolean"), keyPath, path);

function seqOf(item: Check): Check {
  return (value, path, keyPath) => {
    if (!Array.isArray(value)) return issue(invalidType(unexpectedOf(value), "a sequence"), keyPath, path);
    for (const [index, element] of value.entries()) {
      const found = item(element, [...path, index], keyPath);
      if (found) return found;
    }
    return null;
  };
}

function mapOf(item: Check): Check {
  return (value, path, keyPath) => {
    if (!isTable(value)) return issue(invalidType(unexpectedOf(value), "a map"), keyPath, path);
    for (const [key, element] of Object.entries(value)) {
      const found = item(element, [...path, key], [...keyPath, key]);
      if (found) return found;
    }
    return null;
  };
}

// A derived struct that ignores unknown keys; `after` runs the struct's own validation.
function struct(rustName: string, fields: Record<string, Check>, after?: (table: TomlTable) => string | null): Check {
  return (value, path, keyPath) => {
    if (!isTable(value)) return issue(invalidType(unexpectedOf(value), `struct ${rustName}`), keyPath, path);
    for (const [key, element] of Object.entries(value)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      const found = check?.(element, [...path, key], [...keyPath, key]);
      if (found) return found;
    }
    const message = after?.(value) ?? null;
    return message === null ? null : issue(message, keyPath, path);
  };
}

// An externally tagged enum from the serde toolkit; payload errors are located under the variant.
function enumField(schema: Schema<unknown>): Check {
  return (value, path, keyPath) => {
    const result = schema.deserialize(value, "toml");
    if (result.ok) return null;
    const entries = isTable(value) ? Object.keys(value) : [];
    const variant = entries.length === 1 && !result.error.message.startsWith("unknown variant") ? entries[0] : null;
    const spanPath = variant ? [...path, variant, ...result.error.path] : path;
    return issue(result.error.message, keyPath, spanPath);
  };
}

const trustLevel: Check = (value, path, keyPath) => {
  if (typeof value !== "string") return issue(UNIT_VARIANT, keyPath, path);
  return value === "trusted" || value === "untrusted"
    ? null
    : issue(unknownVariant(value, ["trusted", "untrusted"]), keyPath, path);
};

const mcpServer = struct(
  "RawMcpServerConfig",
  { command: str, url: str, args: seqOf(str), enabled: bool, required: bool },
  (table) => {
    const hasCommand = Object.hasOwn(table, "command");
    if (hasCommand && Object.hasOwn(table, "url")) return "url is not supported for stdio";
    return hasCommand || Object.hasOwn(table, "url") ? null : "invalid transport";
  },
);

const CONFIG_FIELDS: Record<string, Check> = {
  model: str,
  review_model: str,
  model_provider: str,
  approval_policy: enumField(askForApprovalSchema as Schema<unknown>),
  approvals_reviewer: enumField(approvalsReviewerSchema as Schema<unknown>),
  sandbox_mode: enumField(sandboxModeSchema as Schema<unknown>),
  web_search: enumField(webSearchModeSchema as Schema<unknown>),
  sandbox_workspace_write: struct("SandboxWorkspaceWrite", {
    writable_roots: seqOf(str),
    network_access: bool,
    exclude_tmpdir_env_var: bool,
    exclude_slash_tmp: bool,
  }),
  default_permissions: str,
  permissions: struct("PermissionsToml", {}),
  notify: seqOf(str),
  instructions: str,
  developer_instructions: str,
  compact_prompt: str,
  mcp_servers: mapOf(mcpServer),
  model_providers: mapOf(struct("ModelProviderInfo", { name: str, base_url: str })),
  profile: str,
  profiles: mapOf(struct("ConfigProfile", {})),
  projects: mapOf(struct("ProjectConfig", { trust_level: trustLevel })),
  hooks: struct("HooksToml", {}),
  project_root_markers: seqOf(str),
  openai_base_url: str,
  chatgpt_base_url: str,
  service_tier: str,
};

/**
 * Checks the `ConfigToml` keys that decide the effective configuration (approval, sandbox, web
 * search, model, features, MCP servers, projects, hooks, permissions, profiles, …) the way serde
 * meets them: document order, first failure wins. Keys outside this subset are not checked (see
 * README.md). `features` is read by the feature module's `readFeatureEntries`.
 */
export function checkConfigToml(table: TomlTable, registry: FeatureRegistry): ConfigSchemaIssue | null {
  for (const [key, value] of Object.entries(table)) {
    if (key === "features") {
      const found = featuresIssue(registry, value);
      if (found) return found;
      continue;
    }
    const check = Object.hasOwn(CONFIG_FIELDS, key) ? CONFIG_FIELDS[key] : undefined;
    const found = check?.(value, [key], [key]);
    if (found) return found;
  }
  return null;
}

/** Checks just the keys Codex reads while finding project trust (`ProjectTrustConfigToml`). */
export function checkProjectsTable(table: TomlTable): ConfigSchemaIssue | null {
  return Object.hasOwn(table, "projects")
    ? (CONFIG_FIELDS.projects?.(table.projects!, ["projects"], ["projects"]) ?? null)
    : null;
}

function featuresIssue(registry: FeatureRegistry, value: TomlValue): ConfigSchemaIssue | null {
  const error = readFeatureEntries(registry, { features: value }).error;
  if (error === null) return null;
  const match = /^([\s\S]*)\nin `([^`]*)`$/.exec(error);
  const message = match ? (match[1] as string) : error;
  const keyPath = match ? (match[2] as string).split(".") : ["features"];
  return issue(message, keyPath, keyPath);
}

/** Renders a value-deserialization failure like `toml::de::Error`'s Display, without the final newline. */
export function formatValueIssue(found: ConfigSchemaIssue): string {
  return found.keyPath.length > 0 ? `${found.valueMessage}\nin \`${found.keyPath.join(".")}\`` : found.valueMessage;
}
