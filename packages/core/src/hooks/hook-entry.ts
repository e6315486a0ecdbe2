import type { HookSourceLabel } from "./hook-source.ts";
import type { HookTrustStatus } from "./hook-state.ts";

interface HookEntryBase {
  readonly key: string;
  /** The event as the app-server spells it, e.g. `preToolUse`. */
  readonly eventName: string;
  /** The matcher after event filtering (`null` for events that ignore matchers). */
  readonly matcher: string | null;
  readonly timeoutSec: number;
  readonly statusMessage: string | null;
  readonly additionalContextLimit: number | null;
  readonly sourcePath: string;
  readonly source: HookSourceLabel;
  readonly pluginId: string | null;
  /** Always null for local discovery (set for remote environments). */
  readonly environmentId: null;
  readonly displayOrder: number;
  readonly enabled: boolean;
  readonly isManaged: boolean;
  readonly currentHash: string;
  readonly trustStatus: HookTrustStatus;
}

/** One hook exactly as `hooks/list` returns it (`HookMetadata`, camelCase wire names). */
export type HookEntry =
  | (HookEntryBase & { readonly handlerType: "command"; readonly command: string; readonly async: boolean })
  | (HookEntryBase & { readonly handlerType: "mcpTool"; readonly server: string; readonly tool: string });

/** `hooks/list`'s per-cwd `errors` item: a config load failure reported instead of hooks. */
export interface HookListError {
  readonly path: string;
  readonly message: string;
}

/** `""` and `"*"` match everything and are never compiled (events/common.rs). */
export function isMatchAllMatcher(matcher: string): boolean {
  return matcher === "" || matcher === "*";
}

/** Matchers of only `[A-Za-z0-9_|]` are exact `|`-alternatives, never compiled as regexes. */
export function isExactMatcher(matcher: string): boolean {
  return /^[A-Za-z0-9_|]*$/.test(matcher);
}

/** True when Codex would run the hook: enabled, and managed or trusted (or trust bypassed). */
export function isRunnable(entry: HookEntry, bypassHookTrust = false): boolean {
  return entry.enabled && (bypassHookTrust || entry.trustStatus === "managed" || entry.trustStatus === "trusted");
}
