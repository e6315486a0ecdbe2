import type { TomlDocument } from "../toml/parse-toml.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import type { RequirementSource } from "./requirement-source.ts";

/**
 * One requirements layer as Codex collects them (requirements-spec §2.1), lowest precedence
 * first: system file, cloud fragments, legacy managed_config file, legacy MDM, MDM requirements.
 */
export interface RequirementLayer {
  source: RequirementSource;
  /** The layer's TOML; for legacy managed config layers, already converted to requirements (§2.6). */
  table: TomlTable;
  /** The parsed file, for positions in diagnostics (null for converted or MDM layers). */
  document: TomlDocument | null;
  /** Directory relative paths resolve against: the file's directory, or `$CODEX_HOME` for cloud/MDM. */
  baseDir: string;
}

/** A composition failure with Codex's exact message (§2.7) and the key path it concerns, when known. */
export interface RequirementsError {
  message: string;
  source: RequirementSource | null;
  keyPath: ReadonlyArray<string | number>;
}
