/**
 * The typed hook configuration Codex 0.169.0 deserializes from `hooks.json`, a layer's `[hooks]`
 * table or the requirements' `[hooks]` (`codex-rs/config/src/hook_config.rs`: `HookEventsToml`,
 * `MatcherGroup`, `HookHandlerConfig`).
 */

/** A JSON value as it enters the trust hash; numbers are serde_json's `{"$serde_json::private::Number": text}`. */
export type HashJson = null | boolean | string | bigint | readonly HashJson[] | { readonly [key: string]: HashJson };

/** One handler (`HookHandlerConfig`); `prompt` and `agent` carry no fields. */
export type HookHandlerConfig =
  | {
      readonly type: "command";
      readonly command: string;
      readonly commandWindows: string | null;
      readonly timeout: bigint | null;
      readonly async: boolean;
      readonly statusMessage: string | null;
      readonly additionalContextLimit: bigint | null;
    }
  | {
      readonly type: "mcp_tool";
      readonly server: string;
      readonly tool: string;
      readonly input: { readonly [key: string]: HashJson };
      readonly timeout: bigint | null;
      readonly statusMessage: string | null;
    }
  | { readonly type: "prompt" }
  | { readonly type: "agent" };

/** One matcher group (`MatcherGroup`). */
export interface MatcherGroupConfig {
  readonly matcher: string | null;
  readonly hooks: readonly HookHandlerConfig[];
}

/** Matcher groups per event, keyed by the event's config name (`PreToolUse`, …); absent ⇒ none. */
export type HookEventsConfig = ReadonlyMap<string, readonly MatcherGroupConfig[]>;

/** True when no event has a matcher group (`HookEventsToml::is_empty`). */
export function isEmptyEvents(events: HookEventsConfig): boolean {
  for (const groups of events.values()) if (groups.length > 0) return false;
  return true;
}

/** The variant names of `HookHandlerConfig`, in declaration order (serde's `expected one of`). */
export const HANDLER_VARIANTS = ["command", "mcp_tool", "prompt", "agent"] as const;
