import { type FeatureRegistry, featureForKey } from "../features/feature-registry.ts";
import { setOwn } from "../serde/schema.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";

/** One parsed `-c key=value`: the dotted key exactly as typed (trimmed) and its TOML value. */
export interface CliOverride {
  readonly path: string;
  readonly value: TomlValue;
}

/** The parsed overrides, or Codex's error text for the first malformed one. */
export type CliOverridesResult = { ok: true; overrides: CliOverride[] } | { ok: false; message: string };

// Rust's `str::trim`: Unicode White_Space (unlike JS `trim`, U+FEFF is not whitespace).
const RUST_TRIM = /^\p{White_Space}+|\p{White_Space}+$/gu;

function rustTrim(text: string): string {
  return text.replace(RUST_TRIM, "");
}

/**
 * `CliConfigOverrides::parse_overrides` (codex-rs/utils/cli/src/config_override.rs), probed on
 * 0.169.0: split on the first `=`, trim both halves; the value is parsed as TOML (`_x_ = {value}`)
 * and falls back to the text with every leading/trailing `"`/`'` stripped when that fails
 * (`a=hello` ⇒ `"hello"`, `d=` ⇒ `""`, `g="unterminated` ⇒ `"unterminated"`, `c=x=y` ⇒ `"x=y"`,
 * `o=1⏎p=2` ⇒ `1`). Keys are not TOML: `q."r.s"` is split on every dot, quotes kept.
 * `use_legacy_landlock` becomes `features.use_legacy_landlock`.
 */
export function parseCliOverrides(raw: readonly string[]): CliOverridesResult {
  const overrides: CliOverride[] = [];
  for (const text of raw) {
    const equals = text.indexOf("=");
    if (equals < 0) return { ok: false, message: `Invalid override (missing '='): ${text}` };
    const key = rustTrim(text.slice(0, equals));
    const valueText = rustTrim(text.slice(equals + 1));
    if (key === "") return { ok: false, message: `Empty key in override: ${text}` };
    const parsed = parseToml(`_x_ = ${valueText}`);
    const value =
      parsed.ok && Object.hasOwn(parsed.document.value, "_x_")
        ? (parsed.document.value._x_ as TomlValue)
        : valueText.replace(/^["']+|["']+$/g, "");
    overrides.push({ path: key === "use_legacy_landlock" ? "features.use_legacy_landlock" : key, value });
  }
  return { ok: true, overrides };
}

/** Applies one dotted-path override (`apply_toml_override`): missing or non-table intermediates become tables. */
export function applyTomlOverride(root: TomlTable, path: string, value: TomlValue): void {
  const segments = path.split(".");
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (next === undefined || !isTable(next)) setOwn(current, segment, {});
    current = current[segment] as TomlTable;
  }
  setOwn(current, segments[segments.length - 1] as string, value);
}

/** The session-flags layer's TOML, or the CLI usage error Codex exits with. */
export type SessionFlagsResult = { ok: true; config: TomlTable | null } | { ok: false; message: string };

/**
 * Builds the `sessionFlags` layer (`build_cli_overrides_layer`) from `-c` overrides plus
 * `--enable X` / `--disable X`. Probed on 0.169.0: an unknown feature name fails first with
 * `Unknown feature flag: X` (before any `-c` error); the feature flags are appended after every
 * `-c` override as `features.X=true`, then `features.X=false` (so `--enable goals` beats
 * `-c features.goals=false` and shows in the layer as `features.goals = true`). Null when there
 * are no flags at all (Codex then has no session-flags layer).
 */
export function buildSessionFlagsLayer(
  registry: FeatureRegistry,
  rawOverrides: readonly string[],
  enable: readonly string[],
  disable: readonly string[],
): SessionFlagsResult {
  for (const name of [...enable, ...disable]) {
    if (featureForKey(registry, name) === undefined) return { ok: false, message: `Unknown feature flag: ${name}` };
  }
  const parsed = parseCliOverrides(rawOverrides);
  if (!parsed.ok) return parsed;
  const overrides = [
    ...parsed.overrides,
    ...enable.map((name) => ({ path: `features.${name}`, value: true })),
    ...disable.map((name) => ({ path: `features.${name}`, value: false })),
  ];
  if (overrides.length === 0) return { ok: true, config: null };
  const config: TomlTable = {};
  for (const override of overrides) applyTomlOverride(config, override.path, override.value);
  return { ok: true, config };
}
