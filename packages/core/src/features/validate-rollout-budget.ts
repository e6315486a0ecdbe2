import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

// Fields of 0.169.0's `RolloutBudgetConfigToml`; any other field makes the untagged
// `FeatureToml` fail (probed: `zzz = 1`, `limit_tokens = 5.0`, `prefill_token_weight = "x"`).
const FIELD_CHECKS: Readonly<Record<string, (value: TomlValue) => boolean>> = {
  enabled: (value) => typeof value === "boolean",
  limit_tokens: (value) => typeof value === "bigint",
  reminder_at_remaining_tokens: (value) => Array.isArray(value) && value.every((item) => typeof item === "bigint"),
  sampling_token_weight: (value) => typeof value === "number" || typeof value === "bigint",
  prefill_token_weight: (value) => typeof value === "number" || typeof value === "bigint",
};

/** True when a `[features.rollout_budget]` table deserializes into Codex's rollout-budget config. */
export function rolloutBudgetTableDeserializes(table: TomlTable): boolean {
  return Object.entries(table).every(
    ([field, value]) => Object.hasOwn(FIELD_CHECKS, field) && FIELD_CHECKS[field]!(value),
  );
}

/**
 * The fatal error 0.169.0 reports when `rollout_budget` ends up enabled (by config or by a pin)
 * without a usable budget table, or null. `configured` is the merged `features.rollout_budget`
 * value (a bool carries no budget). Texts and check order probed on the binary.
 */
export function validateRolloutBudget(configured: TomlValue | undefined): string | null {
  const table = configured !== undefined && isTable(configured) ? configured : {};
  const limit = table.limit_tokens;
  if (typeof limit !== "bigint")
    return "features.rollout_budget.limit_tokens is required when rollout_budget is enabled";
  if (limit <= 0n) return "features.rollout_budget.limit_tokens must be positive";
  const reminders = table.reminder_at_remaining_tokens;
  if (!Array.isArray(reminders)) {
    return "features.rollout_budget.reminder_at_remaining_tokens is required when rollout_budget is enabled";
  }
  if (reminders.some((item) => typeof item !== "bigint" || item <= 0n || item >= limit)) {
    return "features.rollout_budget.reminder_at_remaining_tokens must contain only positive values below limit_tokens";
  }
  return null;
}
