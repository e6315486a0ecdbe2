import { cloneToml, isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import type { RequirementsError } from "./requirement-layer.ts";
import { compositeSource, displayRequirementSource, type RequirementSource } from "./requirement-source.ts";

/** The directory key Codex uses on a platform (`managed_dir` everywhere but Windows). */
export type HookDirectoryKey = "managed_dir" | "windows_managed_dir";

const DIRECTORY_KEYS: readonly HookDirectoryKey[] = ["managed_dir", "windows_managed_dir"];

/** The composed managed `[hooks]` requirement and the layers that contributed to it. */
export interface MergedHooks {
  table: TomlTable;
  source: RequirementSource;
}

/** True when a `[hooks]` table has no directories and no handler groups. */
export function isEmptyHooksTable(table: TomlTable): boolean {
  return Object.entries(table).every(([key, value]) =>
    DIRECTORY_KEYS.includes(key as HookDirectoryKey) ? false : !Array.isArray(value) || value.length === 0,
  );
}

/**
 * Merges managed hooks across requirement layers visited highest first (requirements-spec §2.3,
 * `HookMergeState`): the first non-empty table is the base; the active platform directory must
 * agree or composition fails; the inactive one is first-filled; event groups are appended.
 */
export class HooksMerge {
  private merged: MergedHooks | null = null;
  private readonly directorySources = new Map<HookDirectoryKey, RequirementSource>();

  constructor(private readonly activeDirectory: HookDirectoryKey) {}

  /** Adds the next lower-priority layer's hooks; returns a conflict error when directories disagree. */
  add(incoming: TomlTable | undefined, source: RequirementSource): RequirementsError | null {
    if (incoming === undefined || isEmptyHooksTable(incoming)) return null;
    if (this.merged === null) {
      for (const key of DIRECTORY_KEYS) if (incoming[key] !== undefined) this.directorySources.set(key, source);
      this.merged = { table: cloneToml(incoming), source };
      return null;
    }
    const existing = this.merged.table;
    let changed = false;
    for (const key of DIRECTORY_KEYS) {
      const value = incoming[key];
      if (value === undefined) continue;
      const current = existing[key];
      if (current === undefined) {
        existing[key] = value;
        if (!this.directorySources.has(key)) this.directorySources.set(key, source);
        changed = true;
      } else if (key === this.activeDirectory && current !== value) {
        const existingSource = this.directorySources.get(key) ?? source;
        return {
          message: `failed to compose requirements field \`hooks.${key}\` between ${displayRequirementSource(existingSource)} and ${displayRequirementSource(source)}: \`${String(current)}\` conflicts with \`${String(value)}\``,
          source,
          keyPath: ["hooks", key],
        };
      }
    }
    for (const [event, groups] of Object.entries(incoming)) {
      if (DIRECTORY_KEYS.includes(event as HookDirectoryKey) || !Array.isArray(groups) || groups.length === 0) continue;
      const current = existing[event];
      existing[event] = [...(Array.isArray(current) ? current : []), ...(cloneToml(groups) as TomlValue[])];
      changed = true;
    }
    if (changed) this.merged.source = compositeSource([this.merged.source, source]);
    return null;
  }

  /** The merged hooks, or null when no layer had any. */
  result(): MergedHooks | null {
    return this.merged;
  }
}

/** True for a value that is a hooks table. */
export function asHooksTable(value: TomlValue | undefined): TomlTable | undefined {
  return isTable(value) ? value : undefined;
}
