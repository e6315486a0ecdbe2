import type { ConfigLayer } from "../config/config-layer.ts";
import type { Platform } from "../explain/explain-inputs.ts";
import type { FileReadResult } from "../ports/file-system-port.ts";
import type { RequirementSource } from "../requirements/requirement-source.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { appendHookEvents, type DiscoveryState, type HookHandlerSource } from "./append-hook-events.ts";
import { decodeHooksJson } from "./decode-hooks-json.ts";
import { decodeTomlHooks } from "./decode-toml-hooks.ts";
import { type HookEventsConfig, isEmptyEvents } from "./hook-config.ts";
import type { HookEntry, HookListError } from "./hook-entry.ts";
import { pluginHookKeySource } from "./hook-key.ts";
import {
  isAbsolutePath,
  joinPath,
  layerHookOrigin,
  normalizeAbsolutePath,
  requirementHookSource,
  requirementHooksFallbackPath,
} from "./hook-source.ts";
import { addHookStates, collectHookStates, type HookState } from "./hook-state.ts";

/** A plugin's hooks file, as the plugin loader found it (`PluginHookSource`). */
export interface PluginHookSource {
  /** `<plugin>@<marketplace>`, e.g. `demo@test`. */
  readonly pluginId: string;
  readonly pluginRoot: string;
  /** `$CODEX_HOME/plugins/data/<plugin>-<marketplace>`. */
  readonly pluginDataRoot: string;
  /** The hooks file's absolute (canonical) path. */
  readonly sourcePath: string;
  /** The hooks file relative to the plugin root, e.g. `hooks/hooks.json`. */
  readonly sourceRelativePath: string;
  readonly contents: FileReadResult;
  /** The plugin content fingerprint (`sha256:…`, plugin_fingerprint.rs); Warden does not compute it. */
  readonly contentHash: string;
}

/** Everything `hooks/list` depends on for one cwd. */
export interface ListHooksInput {
  readonly cwd: string;
  readonly platform: Platform;
  /** Config layers, highest precedence first, disabled ones included (they contribute state only). */
  readonly layers: readonly ConfigLayer[];
  /** The composed requirements `[hooks]` table and its source (requirements/hooks-merge.ts), or null. */
  readonly managedHooks: { readonly table: TomlTable; readonly source: RequirementSource } | null;
  /** The active managed dir; defaults to the table's `managed_dir` (`windows_managed_dir` on Windows). */
  readonly managedDir?: string | null;
  readonly allowManagedHooksOnly: boolean;
  /**
   * `hooks.json` files by absolute path, as the caller read them (see {@link hooksJsonPaths});
   * a path that is absent counts as missing.
   */
  readonly hooksJson: ReadonlyMap<string, FileReadResult>;
  /** A `hooks.state` table to use instead of the one collected from user/session layers. */
  readonly hookState?: TomlTable | null;
  readonly pluginHookSources?: readonly PluginHookSource[];
  /** `[features] hooks`; when false Codex lists nothing. Default true. */
  readonly hooksFeatureEnabled?: boolean;
  /** Codex's config load error for this cwd (`file:line:col: message`), reported instead of hooks. */
  readonly configError?: string | null;
}

/** `hooks/list`'s entry for one cwd, plus the managed-hook load failures Codex keeps aside. */
export interface ListHooksResult {
  readonly hooks: HookEntry[];
  readonly warnings: string[];
  readonly errors: HookListError[];
  /** Load failures of requirements hooks (`failed to load required managed hooks`); not in `hooks/list`. */
  readonly requiredLoadErrors: string[];
}

/**
 * The error that makes Codex refuse to start a session when requirements hooks failed to load
 * (probed with `thread/start`: `Fatal error: Failed to initialize session: failed to load required
 * managed hooks: <errors joined by "; ">`), or null.
 */
export function requiredManagedHooksError(result: ListHooksResult): string | null {
  return result.requiredLoadErrors.length === 0
    ? null
    : `failed to load required managed hooks: ${result.requiredLoadErrors.join("; ")}`;
}

/** The `hooks.json` paths discovery reads, so the caller can read them before {@link listHooks}. */
export function hooksJsonPaths(layers: readonly ConfigLayer[], platform: Platform): string[] {
  const paths: string[] = [];
  for (const layer of [...layers].reverse()) {
    const folder = layerHookOrigin(layer, platform).hooksFolder;
    if (layer.disabledReason !== null || folder === null) continue;
    const path = joinPath(folder, "hooks.json", platform);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

function managedHooksPath(input: ListHooksInput, table: TomlTable, source: RequirementSource): string {
  const key = input.platform === "windows" ? "windows_managed_dir" : "managed_dir";
  const dir = input.managedDir !== undefined ? input.managedDir : table[key];
  if (typeof dir === "string" && isAbsolutePath(dir, input.platform)) return normalizeAbsolutePath(dir, input.platform);
  return requirementHooksFallbackPath(source, input.platform);
}

function handlerSource(path: string, origin: Omit<HookHandlerSource, "path" | "keySource">): HookHandlerSource {
  return { path, keySource: path, ...origin };
}

const NO_ENV: ReadonlyMap<string, string> = new Map();

/**
 * Predicts `hooks/list` for one cwd (discovery.rs `discover_handlers`, hooks-execpolicy-spec §1.3):
 * requirements hooks first, then each enabled layer lowest precedence first (its `hooks.json`,
 * then its inline `[hooks]`), then plugin hooks; `allow_managed_hooks_only` drops the rest.
 */
export function listHooks(input: ListHooksInput): ListHooksResult {
  if (input.configError) {
    return {
      hooks: [],
      warnings: [],
      errors: [{ path: input.cwd, message: input.configError }],
      requiredLoadErrors: [],
    };
  }
  if (input.hooksFeatureEnabled === false) return { hooks: [], warnings: [], errors: [], requiredLoadErrors: [] };
  const states = new Map<string, HookState>();
  if (input.hookState) addHookStates(states, input.hookState);
  const run: DiscoveryState = {
    platform: input.platform,
    states: input.hookState ? states : collectHookStates(input.layers),
    hooks: [],
    warnings: [],
    requiredLoadErrors: [],
    displayOrder: 0,
  };
  const allows = (isManaged: boolean) => !input.allowManagedHooksOnly || isManaged;
  const pluginEvents = (input.pluginHookSources ?? []).map((plugin) => loadPluginEvents(run, plugin));

  if (input.managedHooks) {
    const { table, source } = input.managedHooks;
    // Ill-typed requirements never get here: Codex refuses to load them at all.
    const events = decodeTomlHooks(table);
    const path = managedHooksPath(input, table, source);
    const origin = { source: requirementHookSource(source), isManaged: true, required: true };
    const handlers = { ...origin, env: NO_ENV, pluginId: null, contentHash: null };
    if (events.ok) appendHookEvents(run, handlerSource(path, handlers), events.value);
  }

  const visitedFolders = new Set<string>();
  for (const layer of [...input.layers].reverse()) {
    if (layer.disabledReason !== null) continue;
    const origin = layerHookOrigin(layer, input.platform);
    if (!allows(origin.isManaged)) continue;
    let json: { path: string; events: HookEventsConfig } | null = null;
    if (origin.hooksFolder !== null && !visitedFolders.has(origin.hooksFolder)) {
      visitedFolders.add(origin.hooksFolder);
      json = loadHooksJson(run, input, joinPath(origin.hooksFolder, "hooks.json", input.platform));
    }
    let toml: HookEventsConfig | null = null;
    if (layer.config.hooks !== undefined) {
      const decoded = decodeTomlHooks(layer.config.hooks);
      if (!decoded.ok) run.warnings.push(`failed to parse TOML hooks in ${origin.configPath}: ${decoded.message}`);
      else if (!isEmptyEvents(decoded.value)) toml = decoded.value;
    }
    if (json && toml) {
      run.warnings.push(
        `loading hooks from both ${json.path} and ${origin.configPath}; prefer a single representation for this layer`,
      );
    }
    const meta = {
      source: origin.source,
      isManaged: origin.isManaged,
      required: false,
      env: NO_ENV,
      pluginId: null,
      contentHash: null,
    };
    if (json) appendHookEvents(run, handlerSource(json.path, meta), json.events);
    if (toml) appendHookEvents(run, handlerSource(origin.configPath, meta), toml);
  }

  for (const [index, plugin] of (input.pluginHookSources ?? []).entries()) {
    const events = pluginEvents[index];
    if (!events || !allows(false)) continue;
    const env = new Map([
      ["PLUGIN_ROOT", plugin.pluginRoot],
      ["CLAUDE_PLUGIN_ROOT", plugin.pluginRoot],
      ["PLUGIN_DATA", plugin.pluginDataRoot],
      ["CLAUDE_PLUGIN_DATA", plugin.pluginDataRoot],
    ]);
    appendHookEvents(
      run,
      {
        path: plugin.sourcePath,
        keySource: pluginHookKeySource(plugin.pluginId, plugin.sourceRelativePath),
        source: "plugin",
        isManaged: false,
        required: false,
        env,
        pluginId: plugin.pluginId,
        contentHash: plugin.contentHash,
      },
      events,
    );
  }
  return { hooks: run.hooks, warnings: run.warnings, errors: [], requiredLoadErrors: run.requiredLoadErrors };
}

function loadHooksJson(
  run: DiscoveryState,
  input: ListHooksInput,
  path: string,
): { path: string; events: HookEventsConfig } | null {
  const file = input.hooksJson.get(path);
  if (!file || file.kind === "missing") return null;
  if (file.kind === "error") {
    run.warnings.push(`failed to read hooks config ${path}: ${file.message}`);
    return null;
  }
  const decoded = decodeHooksJson(file.text);
  if (!decoded.ok) {
    run.warnings.push(`failed to parse hooks config ${path}: ${decoded.error}`);
    return null;
  }
  return isEmptyEvents(decoded.events) ? null : { path, events: decoded.events };
}

/** Plugin hook files load before discovery, so their warnings come first (`plugin_hook_load_warnings`). */
function loadPluginEvents(run: DiscoveryState, plugin: PluginHookSource): HookEventsConfig | null {
  if (plugin.contents.kind === "missing") return null;
  if (plugin.contents.kind === "error") {
    run.warnings.push(`failed to read plugin hooks config ${plugin.sourcePath}: ${plugin.contents.message}`);
    return null;
  }
  const decoded = decodeHooksJson(plugin.contents.text);
  if (decoded.ok) return decoded.events;
  run.warnings.push(`failed to parse plugin hooks config ${plugin.sourcePath}: ${decoded.error}`);
  return null;
}
