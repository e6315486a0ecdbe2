import { describe, expect, it } from "vitest";
import type { TomlValue } from "../toml/toml-value.ts";
import { rolloutBudgetTableDeserializes, validateRolloutBudget } from "./validate-rollout-budget.ts";

const REQUIRED_LIMIT = "features.rollout_budget.limit_tokens is required when rollout_budget is enabled";
const POSITIVE_LIMIT = "features.rollout_budget.limit_tokens must be positive";
const REQUIRED_REMINDERS =
  "features.rollout_budget.reminder_at_remaining_tokens is required when rollout_budget is enabled";
const BAD_REMINDERS =
  "features.rollout_budget.reminder_at_remaining_tokens must contain only positive values below limit_tokens";

// Oracle: `[features]\nrollout_budget = VALUE` in $CODEX_HOME/config.toml, `codex features list`
// (the `Caused by:` line, or `rollout_budget … true`).
describe("validateRolloutBudget", () => {
  it.each<[string, TomlValue | undefined, string | null]>([
    ["bare true", true, REQUIRED_LIMIT],
    ["no limit", { enabled: true, reminder_at_remaining_tokens: [0n] }, REQUIRED_LIMIT],
    ["zero limit before missing reminders", { enabled: true, limit_tokens: 0n }, POSITIVE_LIMIT],
    ["negative limit", { enabled: true, limit_tokens: -1n, reminder_at_remaining_tokens: [] }, POSITIVE_LIMIT],
    ["no reminders", { enabled: true, limit_tokens: 5n }, REQUIRED_REMINDERS],
    ["zero reminder", { enabled: true, limit_tokens: 5n, reminder_at_remaining_tokens: [0n] }, BAD_REMINDERS],
    ["reminder at the limit", { enabled: true, limit_tokens: 5n, reminder_at_remaining_tokens: [5n] }, BAD_REMINDERS],
    ["negative reminder", { enabled: true, limit_tokens: 5n, reminder_at_remaining_tokens: [-1n] }, BAD_REMINDERS],
    ["empty reminders", { enabled: true, limit_tokens: 5n, reminder_at_remaining_tokens: [] }, null],
    ["duplicates are fine", { enabled: true, limit_tokens: 5n, reminder_at_remaining_tokens: [4n, 4n] }, null],
  ])("%s", (_name, configured, expected) => {
    expect(validateRolloutBudget(configured)).toBe(expected);
  });
});

describe("rolloutBudgetTableDeserializes", () => {
  it.each<[string, Record<string, TomlValue>, boolean]>([
    [
      "all fields",
      {
        enabled: true,
        limit_tokens: 5n,
        reminder_at_remaining_tokens: [1n],
        sampling_token_weight: 1n,
        prefill_token_weight: 0.5,
      },
      true,
    ],
    ["unknown field", { zzz: 1n }, false],
    ["float limit", { limit_tokens: 5.0 }, false],
    ["scalar reminders", { reminder_at_remaining_tokens: 3n }, false],
    ["float reminder", { reminder_at_remaining_tokens: [2.0] }, false],
    ["string weight", { prefill_token_weight: "x" }, false],
  ])("%s", (_name, table, expected) => {
    expect(rolloutBudgetTableDeserializes(table)).toBe(expected);
  });
});
