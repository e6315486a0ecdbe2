import { formatSerdeError, invalidType } from "../serde/serde-error.ts";
import { isTable, type TomlValue } from "../toml/toml-value.ts";
import type { HookEventsConfig, HookHandlerConfig, MatcherGroupConfig } from "./hook-config.ts";
import { contentFromToml, unexpectedContent } from "./hook-content.ts";
import { HOOK_EVENTS } from "./hook-event.ts";
import { type Decoded, decodeTaggedHandler } from "./hook-handler-decode.ts";

const EVENT_NAMES = new Set(HOOK_EVENTS.map((event) => event.configName));

/**
 * Reads hook events from a TOML `[hooks]` value (a config layer's inline hooks, or the
 * requirements' managed hooks) as `HookEventsToml::deserialize(toml::Value)` does. Other keys
 * (`state`, `managed_dir`, unknown events) are ignored. Type errors here are rare in practice:
 * Codex already rejects them when it loads the layer, so the error text is best-effort.
 */
export function decodeTomlHooks(value: TomlValue): Decoded<HookEventsConfig> {
  const content = contentFromToml(value);
  if (!isTable(value)) return fail(invalidType(unexpectedContent(content), "struct HookEventsToml"), []);
  const events = new Map<string, MatcherGroupConfig[]>();
  for (const [event, rawGroups] of Object.entries(value)) {
    if (!EVENT_NAMES.has(event)) continue;
    if (!Array.isArray(rawGroups))
      return fail(invalidType(unexpectedContent(contentFromToml(rawGroups)), "a sequence"), [event]);
    const groups: MatcherGroupConfig[] = [];
    for (const rawGroup of rawGroups) {
      const group = decodeGroup(rawGroup);
      if (!group.ok) return fail(group.message, [event]);
      groups.push(group.value);
    }
    events.set(event, groups);
  }
  return { ok: true, value: events };
}

function decodeGroup(value: TomlValue): Decoded<MatcherGroupConfig> {
  if (!isTable(value))
    return { ok: false, message: invalidType(unexpectedContent(contentFromToml(value)), "struct MatcherGroup") };
  const { matcher, hooks } = value;
  if (matcher !== undefined && typeof matcher !== "string") {
    return { ok: false, message: invalidType(unexpectedContent(contentFromToml(matcher)), "a string") };
  }
  if (hooks !== undefined && !Array.isArray(hooks)) {
    return { ok: false, message: invalidType(unexpectedContent(contentFromToml(hooks)), "a sequence") };
  }
  const handlers: HookHandlerConfig[] = [];
  for (const raw of hooks ?? []) {
    const handler = decodeTaggedHandler(contentFromToml(raw));
    if (!handler.ok) return handler;
    handlers.push(handler.value);
  }
  return { ok: true, value: { matcher: matcher ?? null, hooks: handlers } };
}

function fail(message: string, path: string[]): Decoded<never> {
  return { ok: false, message: formatSerdeError({ message, path }) };
}
