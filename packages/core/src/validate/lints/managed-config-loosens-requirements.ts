import {
  deserializeLegacyManagedConfig,
  legacyManagedConfigToRequirements,
  legacyRequirementsToToml,
} from "../../requirements/legacy-managed-config-schema.ts";
import { deserializeRequirements } from "../../requirements/requirements-schema.ts";
import { isTable, type TomlTable, type TomlValue, tomlToJson } from "../../toml/toml-value.ts";
import type { Finding } from "../diagnostic-at.ts";
import type { LintInput } from "./lint.ts";

/** Each legacy managed-config key and the requirements list it turns into (requirements-spec §2.6). */
const LEGACY_KEYS = [
  ["approval_policy", "allowed_approval_policies"],
  ["approvals_reviewer", "allowed_approvals_reviewers"],
  ["sandbox_mode", "allowed_sandbox_modes"],
] as const;

// Typed (defaults filled, aliases resolved) so `guardian_subagent` equals `auto_review`, and key order is irrelevant.
function typedLists(table: TomlTable): Record<string, string[]> | null {
  const parsed = deserializeRequirements(table);
  if ("error" in parsed) return null;
  const out: Record<string, string[]> = {};
  for (const [, list] of LEGACY_KEYS) {
    const values = parsed.value[list] as unknown[] | undefined;
    if (values) out[list] = values.map(canonical);
  }
  return out;
}

function canonical(value: unknown): string {
  if (isTable(value as TomlValue)) {
    const table = value as TomlTable;
    const sorted = Object.keys(table)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(table[key])}`);
    return `{${sorted.join(",")}}`;
  }
  return JSON.stringify(tomlToJson(value as TomlValue));
}

/**
 * `managed-config-loosens-requirements` (needs both files in one `validate` call): the legacy
 * managed_config.toml is also read as a requirements layer that sits *above* requirements.toml,
 * and its `approval_policy` / `approvals_reviewer` / `sandbox_mode` become allow-lists that replace
 * the ones in requirements.toml (requirements-spec §2.6, probed). Each value the managed config
 * thereby allows that requirements.toml did not is flagged on the managed config key.
 */
export function managedConfigLoosensRequirements(managed: LintInput, requirements: LintInput): Finding[] {
  const legacy = deserializeLegacyManagedConfig(managed.table);
  if ("error" in legacy) return [];
  const produced = legacyRequirementsToToml(legacyManagedConfigToRequirements(legacy.value));
  const fromManaged = typedLists(produced);
  const fromRequirements = typedLists(
    Object.fromEntries(
      LEGACY_KEYS.flatMap(([, list]) => (list in requirements.table ? [[list, requirements.table[list]!]] : [])),
    ),
  );
  if (!fromManaged || !fromRequirements) return [];
  const findings: Finding[] = [];
  for (const [key, list] of LEGACY_KEYS) {
    const granted = fromManaged[list];
    const required = fromRequirements[list];
    if (!granted || !required) continue;
    const extra = granted.filter((value) => !required.includes(value));
    if (extra.length === 0) continue;
    const producedList = JSON.stringify(tomlToJson(produced[list] as TomlValue));
    const requiredList = JSON.stringify(tomlToJson(requirements.table[list] as TomlValue));
    findings.push({
      code: "managed-config-loosens-requirements",
      severity: "warning",
      message: `Codex also reads managed_config.toml as requirements, ranked above ${requirements.file}: \`${key}\` here becomes \`${list} = ${producedList}\`, which replaces ${requiredList} from ${requirements.file}, so Codex allows ${extra.join(", ")} although ${requirements.file} does not. Set \`${key}\` to a value ${requirements.file} allows, or remove it.`,
      path: [key],
    });
  }
  return findings;
}
