import { unexpectedOf } from "../serde/rust-display.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import type { FeatureRegistry, StructuredFeature } from "./feature-registry.ts";
import { rolloutBudgetTableDeserializes } from "./validate-rollout-budget.ts";

/** The boolean toggles a config's `[features]` table carries, or the deserialization error Codex stops with. */
export interface FeatureEntries {
  /** `key → enabled`, sorted by key like Codex's `BTreeMap<String, bool>`; unknown keys included. */
  readonly entries: ReadonlyArray<readonly [string, boolean]>;
  readonly error: string | null;
}

const UNTAGGED = "data did not match any variant of untagged enum FeatureToml";

/**
 * Deserializes `config.features` as 0.169.0's `FeaturesToml` does: structured keys
 * (`FeatureToml<T>`: a bool or a table) are checked as serde meets them, in document order; every
 * other key goes through `#[serde(flatten)] BTreeMap<String, bool>`, checked after the walk, so a
 * structured error wins over an earlier flat one. Error texts are the binary's (README, probes).
 */
export function readFeatureEntries(registry: FeatureRegistry, config: TomlTable): FeatureEntries {
  if (!Object.hasOwn(config, "features")) return { entries: [], error: null };
  const features = config.features as TomlValue;
  if (!isTable(features)) {
    return {
      entries: [],
      error: `invalid type: ${unexpectedOf(features)}, expected struct FeaturesToml\nin \`features\``,
    };
  }
  const entries = new Map<string, boolean>();
  const flat: Array<[string, TomlValue]> = [];
  for (const [key, value] of Object.entries(features)) {
    const structured = Object.hasOwn(registry.structured, key) ? registry.structured[key] : undefined;
    if (!structured) {
      flat.push([key, value]);
      continue;
    }
    const read = readStructured(key, value, structured);
    if (read === "error") return { entries: [], error: `${UNTAGGED}\nin \`features.${key}\`` };
    if (read !== undefined) entries.set(key, read);
  }
  for (const [key, value] of flat) {
    if (typeof value !== "boolean") {
      return { entries: [], error: `invalid type: ${unexpectedOf(value)}, expected a boolean\nin \`features\`` };
    }
    entries.set(key, value);
  }
  return { entries: [...entries].sort(([a], [b]) => compareKeys(a, b)), error: null };
}

/** The `enabled` state a structured value carries, undefined when a table leaves it unset. */
function readStructured(key: string, value: TomlValue, spec: StructuredFeature): boolean | undefined | "error" {
  if (typeof value === "boolean") return value;
  if (!isTable(value)) return "error";
  if (key === "rollout_budget" && !rolloutBudgetTableDeserializes(value)) return "error";
  if (!Object.hasOwn(value, "enabled")) return undefined;
  // context_management's config struct has no `enabled` field and denies unknown fields.
  if (!spec.enabledField) return "error";
  const enabled = value.enabled;
  return typeof enabled === "boolean" ? enabled : "error";
}

/** Code-point (= UTF-8 byte) order, the order of Rust's `BTreeMap<String, _>`. */
export function compareKeys(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
