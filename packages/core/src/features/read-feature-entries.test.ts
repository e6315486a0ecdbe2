import { describe, expect, it } from "vitest";
import { TomlDateTime, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { FEATURE_REGISTRIES } from "./feature-registry.ts";
import { compareKeys, readFeatureEntries } from "./read-feature-entries.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];
const UNTAGGED = "data did not match any variant of untagged enum FeatureToml";

// Error texts: oracle `codex exec` / `codex features list` with the table in $CODEX_HOME/config.toml
// (exec prints `Error loading config.toml: <text>`).
describe("readFeatureEntries", () => {
  it.each<[string, TomlTable, Array<[string, boolean]>]>([
    ["no table", {}, []],
    [
      "sorted by key, unknown kept",
      { features: { zeta: true, apps: false, bogus: true } },
      [
        ["apps", false],
        ["bogus", true],
        ["zeta", true],
      ],
    ],
    ["structured bool", { features: { code_mode: true } }, [["code_mode", true]]],
    ["structured table", { features: { code_mode: { enabled: false } } }, [["code_mode", false]]],
    ["structured table without enabled", { features: { guardianv2: { thread_context: true } } }, []],
    ["context_management table without enabled", { features: { context_management: {} } }, []],
    [
      "rollout budget table",
      {
        features: {
          rollout_budget: {
            enabled: true,
            limit_tokens: 5n,
            reminder_at_remaining_tokens: [1n],
            sampling_token_weight: 1n,
          },
        },
      },
      [["rollout_budget", true]],
    ],
  ])("%s", (_name, config, entries) => {
    expect(readFeatureEntries(registry, config)).toEqual({ entries, error: null });
  });

  it.each<[string, TomlTable, string]>([
    ["string", { features: { apps: "yes" } }, 'invalid type: string "yes", expected a boolean\nin `features`'],
    ["integer", { features: { apps: 1n } }, "invalid type: integer `1`, expected a boolean\nin `features`"],
    ["unknown key, table", { features: { bogus: { a: 1n } } }, "invalid type: map, expected a boolean\nin `features`"],
    [
      "first flat error in document order",
      { features: { zeta: "x", alpha: 1n } },
      'invalid type: string "x", expected a boolean\nin `features`',
    ],
    [
      "features not a table",
      { features: 1n },
      "invalid type: integer `1`, expected struct FeaturesToml\nin `features`",
    ],
    ["structured string", { features: { network_proxy: "x" } }, `${UNTAGGED}\nin \`features.network_proxy\``],
    [
      "structured error beats earlier flat error",
      { features: { zeta: "x", code_mode: "y" } },
      `${UNTAGGED}\nin \`features.code_mode\``,
    ],
    [
      "structured enabled not bool",
      { features: { multi_agent_v2: { enabled: "x" } } },
      `${UNTAGGED}\nin \`features.multi_agent_v2\``,
    ],
    [
      "context_management has no enabled field",
      { features: { context_management: { enabled: true } } },
      `${UNTAGGED}\nin \`features.context_management\``,
    ],
    [
      "rollout budget unknown field",
      { features: { rollout_budget: { enabled: true, zzz: 1n } } },
      `${UNTAGGED}\nin \`features.rollout_budget\``,
    ],
    [
      "rollout budget float limit",
      { features: { rollout_budget: { limit_tokens: 5.0 } } },
      `${UNTAGGED}\nin \`features.rollout_budget\``,
    ],
  ])("error: %s", (_name, config, error) => {
    expect(readFeatureEntries(registry, config)).toEqual({ entries: [], error });
  });
});

// Oracle: `[features]\nzeta = VALUE` in $CODEX_HOME/config.toml, `codex features list`; the
// `Caused by:` line reads `invalid type: <this>, expected a boolean` / `in \`features\``.
describe("readFeatureEntries value descriptions", () => {
  it.each<[TomlValue, string]>([
    ["x\n\"q'é\u0001", 'string "x\\n\\"q\'é\\u{1}"'],
    [1.0, "floating point `1.0`"],
    [-0, "floating point `-0.0`"],
    [1.5e-7, "floating point `0.00000015`"],
    [1e300, `floating point \`1${"0".repeat(300)}.0\``],
    [Number.NaN, "floating point `NaN`"],
    [Number.NEGATIVE_INFINITY, "floating point `-inf`"],
    [new TomlDateTime("1979-05-27", "local-date"), 'string "1979-05-27"'],
    [[true], "sequence"],
  ])("%s", (value, described) => {
    const { error } = readFeatureEntries(registry, { features: { zeta: value } });
    expect(error).toBe(`invalid type: ${described}, expected a boolean\nin \`features\``);
  });
});

describe("compareKeys", () => {
  it("orders like Rust strings (bytes), not locale", () => {
    expect(["b", "B", "a_b", "a.b", "ab", "é"].sort(compareKeys)).toEqual(["B", "a.b", "a_b", "ab", "b", "é"]);
    expect(compareKeys("\u{ff61}", "\u{1f600}")).toBeLessThan(0);
  });
});
