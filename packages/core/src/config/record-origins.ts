import { isTable, type TomlValue } from "../toml/toml-value.ts";
import type { ConfigLayer, ConfigLayerName } from "./config-layer.ts";
import { normalizedWithKeyAliases } from "./key-aliases.ts";

/**
 * `ConfigLayerStack::origins()` (state.rs + `record_origins`): for every enabled layer, lowest
 * precedence first, each leaf of the layer's alias-normalized TOML is recorded under its dotted
 * path, so the highest layer that sets a leaf wins. Probed on 0.169.0 (`config/read` origins):
 *
 * - segments are joined with `.` verbatim, never quoted (`projects./abs/p.trust_level`,
 *   `q."r.s"` for a `-c 'q."r.s"=1'` key whose segments contain the quotes, `i . j` for `-c ' i . j =2'`);
 * - array elements are leaves of their own (`l.0`, `l.1`); empty tables and arrays record nothing;
 *   a date-time is one leaf;
 * - a boolean at `features.multi_agent_v2` / `features.sleep_tool` is recorded as `….enabled`;
 *   at `features.network_proxy` it is recorded both as `features.network_proxy` and `….enabled`.
 */
export function recordOrigins(layers: readonly ConfigLayer[]): Record<string, ConfigLayerName> {
  const origins = new Map<string, ConfigLayerName>();
  for (const layer of layers) {
    if (layer.disabledReason !== null) continue;
    visit(normalizedWithKeyAliases(layer.config, []), [], layer.name, origins);
  }
  return Object.fromEntries(origins);
}

const ENABLED_ONLY = ["multi_agent_v2", "sleep_tool"];

function visit(value: TomlValue, path: string[], name: ConfigLayerName, origins: Map<string, ConfigLayerName>): void {
  if (isTable(value)) {
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key], name, origins);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(item, [...path, String(index)], name, origins);
    return;
  }
  if (path.length === 0) return;
  const featureKey = structuredFeatureKey(path);
  if (typeof value === "boolean" && featureKey !== null) {
    if (!ENABLED_ONLY.includes(featureKey)) origins.set(path.join("."), name);
    origins.set([...path, "enabled"].join("."), name);
    return;
  }
  origins.set(path.join("."), name);
}

function structuredFeatureKey(path: readonly string[]): string | null {
  const tail = path.length === 4 && path[0] === "profiles" ? path.slice(2) : path;
  if (tail.length !== 2 || tail[0] !== "features") return null;
  const key = tail[1] ?? "";
  return [...ENABLED_ONLY, "network_proxy"].includes(key) ? key : null;
}
