import { CONFIG_TOML_KEYS } from "../config/known-config-keys.ts";
import { REQUIREMENTS_TOP_LEVEL_KEYS } from "../requirements/requirements-schema.ts";
import type { TomlTable } from "../toml/toml-value.ts";

/** Which Codex file a policy file is: admin requirements, the legacy managed config, or a config.toml layer. */
export type PolicyKind = "requirements" | "managed-config" | "config";

/** Every policy kind, in the order `--kind` lists them. */
export const POLICY_KINDS: readonly PolicyKind[] = ["requirements", "managed-config", "config"];

/** True for one of the {@link POLICY_KINDS}. */
export function isPolicyKind(value: string): value is PolicyKind {
  return (POLICY_KINDS as readonly string[]).includes(value);
}

/**
 * The kind a file name implies (`requirements*.toml`, `managed_config*.toml`, `*config.toml` or
 * `*config.override.toml`), or null when the name says nothing.
 */
export function policyKindFromName(file: string): PolicyKind | null {
  const name = (file.split(/[\\/]/).pop() ?? file).toLowerCase();
  if (/^requirements.*\.toml$/.test(name)) return "requirements";
  if (/^managed_config.*\.toml$/.test(name)) return "managed-config";
  if (/config(\.override)?\.toml$/.test(name)) return "config";
  return null;
}

/** Keys only `requirements.toml` knows (so a file using one is a requirements file). */
export const REQUIREMENTS_ONLY_KEYS: ReadonlySet<string> = new Set(
  REQUIREMENTS_TOP_LEVEL_KEYS.filter((key) => !CONFIG_TOML_KEYS.has(key)),
);

/** The kind of a file Codex would read: the explicit kind, else the file name, else its keys (default `config`). */
export function detectPolicyKind(file: string, table: TomlTable | null, explicit?: PolicyKind): PolicyKind {
  if (explicit) return explicit;
  const named = policyKindFromName(file);
  if (named) return named;
  if (table && Object.keys(table).some((key) => REQUIREMENTS_ONLY_KEYS.has(key))) return "requirements";
  return "config";
}
