/**
 * Hook keys as Codex 0.169.0 forms them (`crate::hook_key`): `<key source>:<event label>:<group>:<handler>`,
 * where the key source is the source file's absolute display path (requirements hooks: the
 * managed dir or the requirements file; plugins: `<plugin>@<marketplace>:<relative path>`) and
 * the indexes are positions in the file, counting skipped groups and handlers.
 */

/** The key of one handler, e.g. `/home/u/.codex/config.toml:pre_tool_use:0:0`. */
export function hookKey(keySource: string, keyLabel: string, groupIndex: number, handlerIndex: number): string {
  return `${keySource}:${keyLabel}:${groupIndex}:${handlerIndex}`;
}

/** The key source of a plugin's hooks file (`declarations.rs` `plugin_hook_key_source`). */
export function pluginHookKeySource(pluginId: string, sourceRelativePath: string): string {
  return `${pluginId}:${sourceRelativePath}`;
}
