import { rustDebugString as debugString } from "../serde/rust-display.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/** How a required value prints in the override warning (Rust `Debug` of the field's type). */
type ExactKind = "string" | "path" | "bool" | "credentialsStore";

/**
 * The exact-value requirements in the order Codex 0.169.0 applies them (requirements-spec §4.3;
 * order observed from its startup warnings).
 */
const EXACT_KEYS: ReadonlyArray<{ key: string; kind: ExactKind }> = [
  { key: "cli_auth_credentials_store", kind: "credentialsStore" },
  { key: "chatgpt_base_url", kind: "string" },
  { key: "sqlite_home", kind: "path" },
  { key: "log_dir", kind: "path" },
  { key: "model_catalog_json", kind: "path" },
  { key: "model_provider", kind: "string" },
  { key: "check_for_update_on_startup", kind: "bool" },
  { key: "allow_login_shell", kind: "bool" },
];

function debugValue(value: TomlValue, kind: ExactKind): string {
  switch (kind) {
    case "string":
      return debugString(String(value));
    case "path":
      return `AbsolutePathBuf(${debugString(String(value))})`;
    case "bool":
      return String(value);
    case "credentialsStore": {
      const text = String(value);
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
  }
}

/** Inputs: the composed requirements, who set each key, and how config paths resolve. */
export interface ExactRequirementsInput {
  requirements: TomlTable;
  sourceOf: (key: string) => string;
  /** Resolves a configured (possibly relative) path so it compares like Codex's `AbsolutePathBuf`. */
  resolveConfigPath: (value: string) => string;
}

/**
 * Overwrites the merged config with exact-value requirements, warning
 * ``Configured value for `{field}` is overridden by the required value {value:?} from {source}.``
 * when a configured value differs (spec §4.3). Also replaces `model_providers` entries and the
 * `[feedback]` table. Mutates `config`; returns the warnings in Codex's order.
 */
export function applyExactRequirements(config: TomlTable, input: ExactRequirementsInput): string[] {
  const warnings: string[] = [];
  const { requirements } = input;
  for (const { key, kind } of EXACT_KEYS) {
    const required = requirements[key];
    if (required === undefined) continue;
    const configured = config[key];
    const comparable =
      kind === "path" && typeof configured === "string" ? input.resolveConfigPath(configured) : configured;
    if (configured !== undefined && comparable !== required) {
      warnings.push(
        `Configured value for \`${key}\` is overridden by the required value ${debugValue(required, kind)} from ${input.sourceOf(key)}.`,
      );
    }
    config[key] = required;
    if (key === "model_provider") applyModelProviders(config, requirements);
  }
  const feedback = requirements.feedback;
  if (isTable(feedback) && typeof feedback.enabled === "boolean") {
    const current = isTable(config.feedback) ? config.feedback : {};
    if (current.enabled !== undefined && current.enabled !== feedback.enabled) {
      warnings.push(
        `Configured values under \`feedback\` are overridden by requirements from ${input.sourceOf("feedback")}.`,
      );
    }
    config.feedback = { ...current, enabled: feedback.enabled };
  }
  if (requirements.model_provider === undefined) applyModelProviders(config, requirements);
  return warnings;
}

/**
 * The config keys an exact requirement replaces, so `config/read` stops attributing them to a
 * layer (observed: `origins` omits them even when the configured value was equal).
 */
export function keysReplacedByRequirements(requirements: TomlTable): string[] {
  const keys = EXACT_KEYS.map(({ key }) => key).filter((key) => requirements[key] !== undefined);
  if (isTable(requirements.feedback) && requirements.feedback.enabled !== undefined) keys.push("feedback.enabled");
  if (isTable(requirements.model_providers)) {
    for (const id of Object.keys(requirements.model_providers)) keys.push(`model_providers.${id}`);
  }
  return keys;
}

/** Each required `model_providers.<id>` replaces the configured provider of that id. */
function applyModelProviders(config: TomlTable, requirements: TomlTable): void {
  const required = requirements.model_providers;
  if (!isTable(required)) return;
  const configured = isTable(config.model_providers) ? config.model_providers : {};
  config.model_providers = { ...configured, ...required };
}
