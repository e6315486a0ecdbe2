import { resolveFeatures } from "../features/resolve-features.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import type { Finding } from "./diagnostic-at.ts";

/**
 * What Codex says about the `[features]` pins of a requirements file (requirements-spec §1.3,
 * §4.4), computed with the feature module against a default config: its own startup warnings for
 * unknown, legacy and removed keys (warnings), and the pin conflict error when dependency
 * normalization flips a pinned feature (an error; a user config can only add more conflicts).
 */
export function featurePinFindings(file: string, table: TomlTable): Finding[] {
  const spelling = Object.hasOwn(table, "feature_requirements") ? "feature_requirements" : "features";
  const pins = table[spelling];
  if (!isTable(pins)) return [];
  const entries = Object.entries(pins).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean");
  if (entries.length === 0) return [];
  const reviewers = table.allowed_approvals_reviewers;
  const resolved = resolveFeatures({
    config: {},
    requirements: { entries, source: file },
    reviewersExcludeUser: Array.isArray(reviewers) && !reviewers.includes("user"),
  });
  const findings: Finding[] = resolved.warnings.map((warning) => {
    const key = /requirement `([^`]+)`/.exec(warning)?.[1];
    return {
      code: warning.startsWith("Using legacy") ? "legacy-feature-requirement" : "ignored-feature-requirement",
      severity: "warning",
      message: warning,
      path: key !== undefined && Object.hasOwn(pins, key) ? [spelling, key] : [spelling],
      at: "key",
    };
  });
  if (resolved.error) {
    const key = /`([^`=]+)=(true|false)` is not in the allowed set/.exec(resolved.error)?.[1];
    findings.push({
      code: "requirements-features",
      severity: "error",
      message: resolved.error,
      path: key !== undefined && Object.hasOwn(pins, key) ? [spelling, key] : [spelling],
      at: "key",
    });
  }
  return findings;
}
