import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { ORACLE_CASES, pins } from "./resolve-features.oracle.ts";
import { type ResolveFeaturesInput, resolveFeatures } from "./resolve-features.ts";

const resolve = (input: Partial<ResolveFeaturesInput>) =>
  resolveFeatures({ config: {}, requirements: null, reviewersExcludeUser: false, ...input });

describe("resolveFeatures against the 0.169.0 binary", () => {
  it.each(ORACLE_CASES)("$name", ({ input, features, warnings, error }) => {
    const result = resolve(input);
    expect(result.error).toBe(error ?? null);
    if (error) expect(result.features).toEqual({});
    if (features)
      for (const [key, value] of Object.entries(features)) expect([key, result.features[key]]).toEqual([key, value]);
    if (warnings) expect(result.warnings).toEqual(warnings);
  });
});

describe("resolveFeatures outputs", () => {
  it("lists every feature and only real changes (the layered oracle sample)", () => {
    // oracle/samples/effective-config-layered.json: user memories=true, pins memories=false, goals=false.
    const result = resolve({
      config: { features: { memories: true } },
      requirements: pins([
        ["memories", false],
        ["goals", false],
      ]),
    });
    expect(Object.keys(result.features)).toHaveLength(215);
    expect(Object.keys(result.features)[0]).toBe("analytics_plan_history");
    expect(result.changedFromDefault).toEqual({ goals: false });
  });

  it("keeps changedFromDefault in list order", () => {
    const result = resolve({ config: { features: { psp: true, code_mode_only: true, apps: false } } });
    expect(Object.entries(result.changedFromDefault)).toEqual([
      ["code_mode", true],
      ["code_mode_only", true],
      ["apps", false],
      ["psp", true],
    ]);
  });

  it("reports deprecations and the unstable warning from the notice layers only", () => {
    const config: TomlTable = { features: { collab: true, code_mode: true, web_search_request: true } };
    const shown = resolve({ config, userConfigPath: "/home/u/.codex/config.toml" });
    expect(shown.deprecations.map((notice) => notice.summary)).toEqual([
      "`[features].collab` is deprecated. Use `[features].multi_agent` instead.",
      "`[features].web_search_request` is deprecated because web search is enabled by default.",
    ]);
    expect(shown.sessionWarnings).toEqual([
      "Under-development features enabled: code_mode. Under-development features are incomplete and may behave unpredictably. To suppress this warning, set `suppress_unstable_features_warning = true` in /home/u/.codex/config.toml.",
    ]);
    const systemOnly = resolve({ config, noticeConfig: {} });
    expect(systemOnly.deprecations).toEqual([]);
    expect(systemOnly.sessionWarnings).toEqual([]);
    const withFlag = resolve({ config: {}, noticeConfig: {}, cli: { enable: ["collab"], disable: [] } });
    expect(withFlag.deprecations).toHaveLength(1);
    const suppressed = resolve({ config: { ...config, suppress_unstable_features_warning: true } });
    expect(suppressed.sessionWarnings).toEqual([]);
  });
});
