import { ignoredKeys } from "../../config/ignored-settings-warning.ts";
import { CONFIG_TOML_KEYS, IGNORED_KEY_HINTS } from "../../config/known-config-keys.ts";
import { FEATURE_REGISTRIES } from "../../features/feature-registry.ts";
import type { KeyPath } from "../../toml/toml-value.ts";
import { REQUIREMENTS_ONLY_KEYS } from "../policy-kind.ts";
import { closestKey } from "./closest-key.ts";
import type { Lint } from "./lint.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];
const FEATURE_KEYS = [
  ...registry.features.map((spec) => spec.key),
  ...Object.keys(registry.legacyAliases),
  ...Object.keys(registry.structured),
];

// Codex's dotted key back into a path: `projects.<path>.<field>` keeps the dots of the path.
function pathOf(dotted: string): { path: KeyPath; known: readonly string[] } {
  if (dotted.startsWith("projects.")) {
    const last = dotted.lastIndexOf(".");
    return {
      path: ["projects", dotted.slice("projects.".length, last), dotted.slice(last + 1)],
      known: ["trust_level"],
    };
  }
  if (dotted.startsWith("features."))
    return { path: ["features", dotted.slice("features.".length)], known: FEATURE_KEYS };
  if (dotted.startsWith("windows.")) return { path: ["windows", dotted.slice("windows.".length)], known: [] };
  return { path: [dotted], known: [...CONFIG_TOML_KEYS] };
}

/**
 * `unknown-key` (config.toml, managed_config.toml): the settings Codex 0.169.0 itself reports as
 * ignored at startup (`Codex is ignoring N unrecognized configuration settings`; unknown top-level
 * keys, unknown `[features]`, extra keys of a `[projects."<path>"]` entry). The value has no effect;
 * the closest known key is suggested, and requirements keys are pointed to requirements.toml.
 */
export const unknownConfigKeys: Lint = ({ file, table, document }) =>
  ignoredKeys(
    { name: { type: "system", file }, precedence: 10, config: table, document, disabledReason: null },
    registry,
  ).map((dotted) => {
    const { path, known } = pathOf(dotted);
    const key = String(path[path.length - 1]);
    let fix: string;
    if (Object.hasOwn(IGNORED_KEY_HINTS, dotted)) fix = IGNORED_KEY_HINTS[dotted]!;
    else if (path.length === 1 && REQUIREMENTS_ONLY_KEYS.has(key)) {
      fix = `\`${key}\` is a requirements setting: put it in /etc/codex/requirements.toml to enforce it.`;
    } else {
      const suggestion = closestKey(key, known);
      fix = suggestion
        ? `Did you mean \`${suggestion}\`?`
        : "Remove it, or check its spelling against the Codex config reference.";
    }
    return {
      code: "unknown-key",
      severity: "warning",
      message: `Codex does not recognize \`${dotted}\` and ignores it (it warns "unrecognized configuration setting" at startup), so it has no effect. ${fix}`,
      path,
      at: "key",
    };
  });
