import type { ConfigLayer } from "../config/config-layer.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/** One effective `[hooks.state."<key>"]` record (`HookStateToml`; 0.169.0 adds `trusted_content_hash`). */
export interface HookState {
  readonly enabled: boolean | null;
  readonly trustedHash: string | null;
  readonly trustedContentHash: string | null;
}

/** `hooks/list`'s `trustStatus`. */
export type HookTrustStatus = "managed" | "trusted" | "modified" | "untrusted";

const EMPTY: HookState = { enabled: null, trustedHash: null, trustedContentHash: null };

function parseState(value: TomlValue): HookState | null {
  if (!isTable(value)) return null;
  const { enabled, trusted_hash: trustedHash, trusted_content_hash: trustedContentHash } = value;
  if (enabled !== undefined && typeof enabled !== "boolean") return null;
  if (trustedHash !== undefined && typeof trustedHash !== "string") return null;
  if (trustedContentHash !== undefined && typeof trustedContentHash !== "string") return null;
  return { enabled: enabled ?? null, trustedHash: trustedHash ?? null, trustedContentHash: trustedContentHash ?? null };
}

/** Folds one `hooks.state` table into `states`: later tables win field by field; bad records are skipped. */
export function addHookStates(states: Map<string, HookState>, table: TomlTable): void {
  for (const [rawKey, value] of Object.entries(table)) {
    const state = parseState(value);
    const key = rawKey.trim();
    if (state === null || key === "") continue;
    const current = states.get(key) ?? EMPTY;
    states.set(key, {
      enabled: state.enabled ?? current.enabled,
      trustedHash: state.trustedHash ?? current.trustedHash,
      trustedContentHash: state.trustedContentHash ?? current.trustedContentHash,
    });
  }
}

/**
 * Effective hook state (config_rules.rs `hook_states_from_stack`): only user and session-flag
 * layers count, disabled ones included, lowest precedence first. `layers` is highest first.
 */
export function collectHookStates(layers: readonly ConfigLayer[]): Map<string, HookState> {
  const states = new Map<string, HookState>();
  for (const layer of [...layers].reverse()) {
    if (layer.name.type !== "user" && layer.name.type !== "sessionFlags") continue;
    const hooks = layer.config.hooks;
    const table = isTable(hooks) ? hooks.state : undefined;
    if (isTable(table)) addHookStates(states, table);
  }
  return states;
}

/** `enabled`: managed hooks always are; others unless their state says `enabled = false`. */
export function hookEnabled(isManaged: boolean, state: HookState | undefined): boolean {
  return isManaged || state?.enabled !== false;
}

/**
 * `trustStatus`. Plugin hooks also carry a content hash (`currentHash` = `<identity>/<content>`);
 * probed: they are trusted when `trusted_hash` equals the identity part and
 * `trusted_content_hash` is absent or equals the content part, else modified.
 */
export function hookTrustStatus(
  isManaged: boolean,
  identityHash: string,
  contentHash: string | null,
  state: HookState | undefined,
): HookTrustStatus {
  if (isManaged) return "managed";
  const trusted = state?.trustedHash ?? null;
  if (trusted === null) return "untrusted";
  if (trusted !== identityHash) return "modified";
  const trustedContent = contentHash === null ? null : (state?.trustedContentHash ?? null);
  return trustedContent === null || trustedContent === contentHash ? "trusted" : "modified";
}
