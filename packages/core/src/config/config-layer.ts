import type { TomlDocument } from "../toml/parse-toml.ts";
import type { TomlTable } from "../toml/toml-value.ts";

/**
 * The name of a config layer exactly as Codex 0.169.0's app-server spells it in `config/read`
 * (`layers[].name`, `origins[key].name`). See requirements-spec §2.5 for precedences.
 */
export type ConfigLayerName =
  | { type: "system"; file: string }
  | { type: "enterpriseManaged"; id: string; name: string }
  | { type: "user"; file: string; profile: string | null }
  | { type: "project"; dotCodexFolder: string }
  | { type: "sessionFlags" }
  | { type: "legacyManagedConfigTomlFromFile"; file: string }
  | { type: "legacyManagedConfigTomlFromMdm" }
  | { type: "mdm"; domain: string; key: string };

/** One loaded config layer. */
export interface ConfigLayer {
  name: ConfigLayerName;
  /** Precedence as in `ConfigLayerSource::precedence()`; higher wins. */
  precedence: number;
  /** The layer's TOML, after any per-layer rewriting Codex does (relative paths, denylisted keys). */
  config: TomlTable;
  /** The parsed source document, for positions (null for `-c` flags and synthetic layers). */
  document: TomlDocument | null;
  /** Set when Codex loads the layer but ignores it (an untrusted project), with Codex's reason. */
  disabledReason: string | null;
}
