import { composeRequirements } from "../requirements/compose-requirements.ts";
import { normalizeRequirements } from "../requirements/normalize-requirements.ts";
import { deserializeRequirements } from "../requirements/requirements-schema.ts";
import { formatSerdeError } from "../serde/serde-error.ts";
import { isTable, type KeyPath, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import type { Finding } from "./diagnostic-at.ts";
import { minimalPrefix } from "./locate-serde-error.ts";

/**
 * Codex's normalization error (requirements-spec §3.2) for a requirements table standing alone as
 * `/etc/codex/requirements.toml` named `file`, through the same composition and normalization code
 * `warden explain` uses. Null when Codex would accept it (or the table is not typed correctly;
 * type errors are reported separately).
 */
export function normalizationError(file: string, table: TomlTable): string | null {
  const composed = composeRequirements(
    [{ source: { kind: "system", path: file }, table, document: null, baseDir: "/" }],
    {
      hostname: null,
      activeHookDirectory: "managed_dir",
      validate: (merged) => {
        const parsed = deserializeRequirements(merged);
        return "error" in parsed ? { message: formatSerdeError(parsed.error), keyPath: parsed.error.path } : null;
      },
      resolveDenyRead: (pattern) => pattern,
      resolvePath: (value) => value,
    },
  );
  if ("error" in composed || composed.value === null) return null;
  const typed = deserializeRequirements(composed.value.table);
  if ("error" in typed) return null;
  const normalized = normalizeRequirements(composed.value, typed.value);
  return "error" in normalized ? normalized.error : null;
}

const CODE = "requirements-constraint";

function pick(table: TomlTable, keys: readonly string[]): TomlTable {
  const out: TomlTable = {};
  for (const key of keys) if (Object.hasOwn(table, key)) out[key] = table[key] as TomlValue;
  return out;
}

function finding(message: string, path: KeyPath): Finding {
  return { code: CODE, severity: "error", message, path };
}

/** Each allow-list is checked alone so that every broken one is reported, not just Codex's first. */
const LIST_CHECKS: ReadonlyArray<{ keys: string[]; path: KeyPath }> = [
  { keys: ["allowed_approval_policies"], path: ["allowed_approval_policies"] },
  { keys: ["allowed_approvals_reviewers"], path: ["allowed_approvals_reviewers"] },
  { keys: ["allowed_sandbox_modes"], path: ["allowed_sandbox_modes"] },
  { keys: ["windows"], path: ["windows", "allowed_sandbox_implementations"] },
];

/**
 * The normalization errors of one requirements file, in Codex's order of checks (auto_review
 * slugs → MCP → approval → reviewer → sandbox → windows). `touched` tells which parts lost a
 * key to a reported type error; checking them again would only report consequences.
 */
export function requirementsConstraintErrors(
  file: string,
  table: TomlTable,
  touched: (...subject: Array<string | number>) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  const usable = (key: string) => Object.hasOwn(table, key) && !touched(key);

  if (usable("auto_review")) findings.push(...autoReviewErrors(file, table.auto_review as TomlTable));
  // Fast path: one check of all servers; each server alone only when something is wrong.
  const mcpFine = normalizationError(file, pick(table, ["mcp_servers", "plugins"])) === null;
  if (!mcpFine && isTable(table.mcp_servers)) {
    for (const [name, entry] of Object.entries(table.mcp_servers)) {
      if (touched("mcp_servers", name)) continue;
      const message = normalizationError(file, { mcp_servers: { [name]: entry } });
      if (message) findings.push(finding(message, mcpErrorPath(["mcp_servers", name], message)));
    }
  }
  if (!mcpFine && isTable(table.plugins)) {
    for (const [plugin, entry] of Object.entries(table.plugins)) {
      const servers = isTable(entry) && isTable(entry.mcp_servers) ? entry.mcp_servers : {};
      for (const [name, server] of Object.entries(servers)) {
        if (touched("plugins", plugin, "mcp_servers", name)) continue;
        const message = normalizationError(file, { plugins: { [plugin]: { mcp_servers: { [name]: server } } } });
        if (message) findings.push(finding(message, mcpErrorPath(["plugins", plugin, "mcp_servers", name], message)));
      }
    }
  }
  for (const check of LIST_CHECKS) {
    if (!check.keys.every(usable)) continue;
    const message = normalizationError(file, pick(table, check.keys));
    if (message) findings.push(finding(message, check.path));
  }
  return findings;
}

function autoReviewErrors(file: string, autoReview: TomlTable): Finding[] {
  const message = normalizationError(file, { auto_review: autoReview });
  if (!message) return [];
  const slugs = Array.isArray(autoReview.required_on_models) ? autoReview.required_on_models : [];
  const n = minimalPrefix(
    slugs.length,
    (count) =>
      normalizationError(file, { auto_review: { ...autoReview, required_on_models: slugs.slice(0, count) } }) ===
      message,
  );
  return [finding(message, n > 0 ? ["auto_review", "required_on_models", n - 1] : ["auto_review"])];
}

// Points at the matcher the message names: `… invalid argument matcher at index N: …` or the URL matcher.
function mcpErrorPath(server: KeyPath, message: string): KeyPath {
  const argument = /: invalid argument matcher at index (\d+): /.exec(message);
  if (argument) return [...server, "identity", "command", "args", Number(argument[1])];
  return [...server, "identity", "url"];
}
