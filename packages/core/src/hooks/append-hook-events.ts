import type { Platform } from "../explain/explain-inputs.ts";
import { rustDebugString } from "../serde/rust-display.ts";
import type { HookEventsConfig, HookHandlerConfig } from "./hook-config.ts";
import { type HookEntry, isExactMatcher, isMatchAllMatcher } from "./hook-entry.ts";
import {
  DEFAULT_ADDITIONAL_CONTEXT_LIMIT,
  DEFAULT_HOOK_TIMEOUT_SEC,
  HOOK_EVENTS,
  type HookEventSpec,
  SHORT_HOOK_TIMEOUT_DEFAULT_SEC,
  SHORT_HOOK_TIMEOUT_MAX_SEC,
} from "./hook-event.ts";
import { hookIdentityHash, type NormalizedHandler } from "./hook-hash.ts";
import { hookKey } from "./hook-key.ts";
import type { HookSourceLabel } from "./hook-source.ts";
import { type HookState, hookEnabled, hookTrustStatus } from "./hook-state.ts";
import { checkRustRegex } from "./rust-regex-check.ts";

/** One place hooks come from: a file (or the requirements) with its key source and metadata. */
export interface HookHandlerSource {
  /** The display path used in warnings and `sourcePath`. */
  readonly path: string;
  readonly keySource: string;
  readonly source: HookSourceLabel;
  readonly isManaged: boolean;
  /** True for requirements hooks: load failures are also "required load errors". */
  readonly required: boolean;
  /** `${NAME}` substitutions applied to displayed commands (plugins only). */
  readonly env: ReadonlyMap<string, string>;
  readonly pluginId: string | null;
  /** The plugin content fingerprint appended to `currentHash` (plugins only). */
  readonly contentHash: string | null;
}

/** The mutable state one discovery run threads through every source. */
export interface DiscoveryState {
  readonly platform: Platform;
  readonly states: ReadonlyMap<string, HookState>;
  readonly hooks: HookEntry[];
  readonly warnings: string[];
  readonly requiredLoadErrors: string[];
  displayOrder: number;
}

/**
 * Appends every handler of `events` from `source` (discovery.rs `append_matcher_groups`):
 * matcher filtering and validation, skipped handler shapes, timeout and `additionalContextLimit`
 * normalization, key, trust hash, enablement and trust status (hooks-execpolicy-spec §1.3–§1.6).
 */
export function appendHookEvents(run: DiscoveryState, source: HookHandlerSource, events: HookEventsConfig): void {
  const failLoad = (warning: string) => {
    if (source.required) run.requiredLoadErrors.push(warning);
    run.warnings.push(warning);
  };
  for (const event of HOOK_EVENTS) {
    for (const [groupIndex, group] of (events.get(event.configName) ?? []).entries()) {
      const matcher = event.usesMatcher ? group.matcher : null;
      if (matcher !== null && !isMatchAllMatcher(matcher) && !isExactMatcher(matcher)) {
        const error = checkRustRegex(matcher);
        if (error !== null) {
          const warning = `invalid matcher ${rustDebugString(matcher)} in ${source.path}: ${error}`;
          if (group.hooks.length === 0) run.warnings.push(warning);
          else failLoad(warning);
          continue;
        }
      }
      for (const [handlerIndex, handler] of group.hooks.entries()) {
        const normalized = normalizeHandler(run, source, event, handler, failLoad);
        if (normalized === null) continue;
        pushEntry(
          run,
          source,
          event,
          matcher,
          normalized,
          hookKey(source.keySource, event.keyLabel, groupIndex, handlerIndex),
        );
      }
    }
  }
}

interface Normalized {
  readonly hashed: NormalizedHandler;
  /** `additionalContextLimit` as listed (before the default is dropped for hashing). */
  readonly listedLimit: bigint | null;
  readonly runsAsync: boolean;
}

function normalizeTimeout(
  run: DiscoveryState,
  source: HookHandlerSource,
  event: HookEventSpec,
  timeout: bigint | null,
): bigint {
  if (!event.shortTimeout) return clamp(timeout ?? DEFAULT_HOOK_TIMEOUT_SEC, 1n, null);
  if (timeout !== null && timeout > SHORT_HOOK_TIMEOUT_MAX_SEC) {
    run.warnings.push(`clamping ${event.configName} hook timeout to ${SHORT_HOOK_TIMEOUT_MAX_SEC}s in ${source.path}`);
  }
  return clamp(timeout ?? SHORT_HOOK_TIMEOUT_DEFAULT_SEC, 1n, SHORT_HOOK_TIMEOUT_MAX_SEC);
}

function clamp(value: bigint, min: bigint, max: bigint | null): bigint {
  if (value < min) return min;
  if (max !== null && value > max) return max;
  return value;
}

function normalizeHandler(
  run: DiscoveryState,
  source: HookHandlerSource,
  event: HookEventSpec,
  handler: HookHandlerConfig,
  failLoad: (warning: string) => void,
): Normalized | null {
  switch (handler.type) {
    case "command": {
      const command = run.platform === "windows" ? (handler.commandWindows ?? handler.command) : handler.command;
      if (command.trim() === "") {
        failLoad(`skipping empty hook command in ${source.path}`);
        return null;
      }
      const timeout = normalizeTimeout(run, source, event, handler.timeout);
      const runsAsync = handler.async && event.configName !== "SessionEnd";
      if (handler.async && !runsAsync) {
        run.warnings.push(`running async ${event.configName} hook synchronously in ${source.path}`);
      }
      let limit = handler.additionalContextLimit;
      if (!event.emitsAdditionalContext && limit !== null) {
        run.warnings.push(
          `ignoring additionalContextLimit for ${event.configName} hook in ${source.path}: this event cannot emit additionalContext`,
        );
        limit = null;
      }
      const hashedLimit = limit === DEFAULT_ADDITIONAL_CONTEXT_LIMIT ? null : limit;
      const hashed: NormalizedHandler = {
        type: "command",
        command,
        timeout,
        async: handler.async,
        statusMessage: handler.statusMessage,
        additionalContextLimit: hashedLimit,
      };
      return { hashed, listedLimit: limit, runsAsync };
    }
    case "mcp_tool": {
      if (event.configName === "SessionEnd") {
        failLoad(`skipping MCP tool hook in ${source.path}: SessionEnd MCP hooks are not supported`);
        return null;
      }
      if (handler.server.trim() === "" || handler.tool.trim() === "") {
        failLoad(`skipping MCP tool hook in ${source.path}: server and tool must not be empty`);
        return null;
      }
      const timeout = normalizeTimeout(run, source, event, handler.timeout);
      const { server, tool, input, statusMessage } = handler;
      return {
        hashed: { type: "mcp_tool", server, tool, input, timeout, statusMessage },
        listedLimit: null,
        runsAsync: false,
      };
    }
    case "prompt":
    case "agent":
      failLoad(`skipping ${handler.type} hook in ${source.path}: ${handler.type} hooks are not supported yet`);
      return null;
  }
}

function pushEntry(
  run: DiscoveryState,
  source: HookHandlerSource,
  event: HookEventSpec,
  matcher: string | null,
  normalized: Normalized,
  key: string,
): void {
  const { hashed } = normalized;
  const identityHash = hookIdentityHash(event.keyLabel, matcher, hashed);
  const state = run.states.get(key);
  const handlerFields =
    hashed.type === "command"
      ? {
          handlerType: "command" as const,
          command: substitute(hashed.command, source.env),
          async: normalized.runsAsync,
        }
      : { handlerType: "mcpTool" as const, server: hashed.server, tool: hashed.tool };
  run.hooks.push({
    key,
    eventName: event.wireName,
    ...handlerFields,
    matcher,
    timeoutSec: Number(hashed.timeout),
    statusMessage: hashed.statusMessage,
    additionalContextLimit: normalized.listedLimit === null ? null : Number(normalized.listedLimit),
    sourcePath: source.path,
    source: source.source,
    pluginId: source.pluginId,
    environmentId: null,
    displayOrder: run.displayOrder++,
    enabled: hookEnabled(source.isManaged, state),
    isManaged: source.isManaged,
    currentHash: source.contentHash === null ? identityHash : `${identityHash}/${source.contentHash}`,
    trustStatus: hookTrustStatus(source.isManaged, identityHash, source.contentHash, state),
  });
}

function substitute(command: string, env: ReadonlyMap<string, string>): string {
  let out = command;
  for (const [name, value] of env) out = out.replaceAll(`\${${name}}`, value);
  return out;
}
