import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { isEmptyHooksTable } from "./hooks-merge.ts";

const emptyTable = (value: TomlValue) => isTable(value) && Object.keys(value).length === 0;

/**
 * Per-key emptiness rules of requirements-spec §1.10: a key whose value is "empty" by these rules
 * does not count as a requirement. Keys not listed count whenever they are present
 * (`mcp_servers = {}` included).
 */
const EMPTY_WHEN: Record<string, (value: TomlValue) => boolean> = {
  features: emptyTable,
  feature_requirements: emptyTable,
  hooks: (value) => isTable(value) && isEmptyHooksTable(value),
  plugins: (value) =>
    isTable(value) &&
    Object.values(value).every(
      (plugin) => !isTable(plugin) || !isTable(plugin.mcp_servers) || Object.keys(plugin.mcp_servers).length === 0,
    ),
  apps: (value) =>
    isTable(value) &&
    Object.values(value).every(
      (app) =>
        !isTable(app) || (app.enabled === undefined && (!isTable(app.tools) || Object.keys(app.tools).length === 0)),
    ),
  marketplaces: emptyTable,
  windows: emptyTable,
  computer_use: emptyTable,
  browser_use: emptyTable,
  application: (value) => isTable(value) && value.network === undefined,
  auto_review: (value) =>
    isTable(value) && Object.values(value).every((list) => !Array.isArray(list) || list.length === 0),
  models: emptyTable,
  model_providers: emptyTable,
  feedback: (value) => isTable(value) && (value.enabled === undefined || value.enabled === true),
  guardian_policy_config: (value) => typeof value === "string" && value.trim() === "",
};

/**
 * True when composed requirements carry no constraint at all, so Codex reports `null`. Keys the
 * schema does not know are dropped by Codex's deserializer and so never count.
 */
export function isEmptyRequirements(table: TomlTable, isKnownKey: (key: string) => boolean): boolean {
  return Object.entries(table).every(([key, value]) => !isKnownKey(key) || (EMPTY_WHEN[key]?.(value) ?? false));
}
