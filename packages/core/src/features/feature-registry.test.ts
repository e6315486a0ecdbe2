import { describe, expect, it } from "vitest";
import { FEATURE_REGISTRIES, featureForKey, findFeature } from "./feature-registry.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];
const keys = registry.features.map((spec) => spec.key);

// Oracle: `CODEX_HOME=$(mktemp -d) with-etc-codex.sh EMPTY_DIR codex app-server`, `initialize`, then
// `experimentalFeature/list {limit: 1000}` (215 rows, no cursor), cross-checked row by row against
// `codex features list` (same keys, stages and values; `beta` prints as `experimental`).
describe("feature registry 0.169.0", () => {
  it("has the 215 features in experimentalFeature/list order", () => {
    expect(keys).toHaveLength(215);
    expect(keys.slice(0, 4)).toEqual([
      "analytics_plan_history",
      "cli_resume_account_check",
      "daemon_auto_start",
      "tui_workspace",
    ]);
    expect(keys.at(-1)).toBe("workspace_dependencies");
    expect(new Set(keys).size).toBe(215);
  });

  it("matches the binary's stage and default counts", () => {
    const stages: Record<string, number> = {};
    for (const spec of registry.features) stages[spec.stage] = (stages[spec.stage] ?? 0) + 1;
    expect(stages).toEqual({ underDevelopment: 90, stable: 68, removed: 48, beta: 5, deprecated: 4 });
    expect(registry.features.filter((spec) => spec.defaultEnabled)).toHaveLength(72);
  });

  it.each([
    ["guardian_approval", "stable", true],
    ["guardianv2", "underDevelopment", false],
    ["guardianv2.thread_context", "removed", false],
    ["multi_agent", "deprecated", true],
    ["instant_interrupt", "underDevelopment", true],
    ["secret_auth_storage", "stable", false],
    ["network_proxy", "beta", false],
    ["goals", "stable", true],
  ] as const)("%s is %s, default %s", (key, stage, defaultEnabled) => {
    expect(findFeature(registry, key)).toEqual({ key, stage, defaultEnabled });
  });

  it("lists every pinnable feature exactly once in pin order", () => {
    const pinnable = keys.filter((key) => !Object.hasOwn(registry.inert, key));
    expect([...registry.pinOrder].sort()).toEqual([...pinnable].sort());
    // Enum order, not list order: from the 208-pin error of the binary.
    expect(registry.pinOrder.slice(0, 3)).toEqual([
      "analytics_plan_history",
      "api_key_model_discovery",
      "api_key_cyber_access_programs",
    ]);
    expect(registry.pinOrder.indexOf("code_mode")).toBeLessThan(registry.pinOrder.indexOf("apps"));
  });

  it("points every alias, ignore list and structured key at a registered feature", () => {
    const referenced = [
      ...Object.values(registry.legacyAliases),
      ...Object.values(registry.requirementOnlyAliases),
      ...registry.configIgnored,
      ...Object.keys(registry.inert),
      ...Object.keys(registry.structured),
      ...registry.dependencies.flatMap((rule) => [rule.feature, rule.requires]),
    ];
    for (const key of referenced) expect(keys).toContain(key);
    for (const alias of Object.keys(registry.legacyAliases)) expect(keys).not.toContain(alias);
  });

  it.each([
    ["apps", "apps"],
    ["connectors", "apps"],
    ["collab", "multi_agent"],
    ["telepathy", "chronicle"],
    ["web_search", "web_search_request"],
    ["auto_review", undefined],
    ["include_apply_patch_tool", undefined],
    ["toString", undefined],
  ])("featureForKey(%s) = %s", (key, expected) => {
    expect(featureForKey(registry, key)).toBe(expected);
  });
});
