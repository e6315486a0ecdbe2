/** What `warden hook install` puts in requirements.toml `[hooks]` (requirements-spec §1.7). */
export interface ManagedHooksSpec {
  /** Absolute; Codex uses it only as the hooks' source path and key prefix (hooks spec §1.3). */
  readonly managedDir: string;
  /** The shell command Codex runs (`$SHELL -lc <command>`), e.g. `/opt/warden/bin/warden hook`. */
  readonly command: string;
  /** Codex hook event names, one `[[hooks.<Event>]]` group each, no matcher (every tool). */
  readonly events: readonly string[];
  /** Seconds before Codex kills the hook (and fails open); the hook answers well before. */
  readonly timeout: number;
}

/** The comment that marks the block as Warden's (an install replaces it without `--force`). */
export const MANAGED_HOOKS_MARKER = "# Managed by `warden hook install`; rerun it to change this block.";

/** A TOML basic string: JSON escapes are valid TOML, except that DEL must be escaped too. */
export function tomlString(text: string): string {
  return JSON.stringify(text).replace(/\u007f/g, "\\u007F");
}

/** The `[hooks]` block as TOML text. */
export function renderManagedHooksBlock(spec: ManagedHooksSpec): string {
  const lines = [MANAGED_HOOKS_MARKER, "[hooks]", `managed_dir = ${tomlString(spec.managedDir)}`];
  for (const event of spec.events) {
    lines.push(
      "",
      `[[hooks.${event}]]`,
      `[[hooks.${event}.hooks]]`,
      'type = "command"',
      `command = ${tomlString(spec.command)}`,
      `timeout = ${spec.timeout}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
