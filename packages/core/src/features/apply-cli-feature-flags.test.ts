import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { applyCliFeatureFlags } from "./apply-cli-feature-flags.ts";
import { FEATURE_REGISTRIES } from "./feature-registry.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];

describe("applyCliFeatureFlags", () => {
  it("writes session-flag overrides, disables after enables", () => {
    const config: TomlTable = { features: { apps: true, memories: true } };
    const result = applyCliFeatureFlags(registry, config, { enable: ["apps", "code_mode"], disable: ["apps"] });
    expect(result).toEqual({ value: { features: { apps: false, memories: true, code_mode: true } }, error: null });
    expect(config).toEqual({ features: { apps: true, memories: true } });
  });

  it("keeps alias names as written", () => {
    const result = applyCliFeatureFlags(registry, {}, { enable: ["connectors"], disable: [] });
    expect(result.value).toEqual({ features: { connectors: true } });
  });

  it("splits dotted names like a -c key path", () => {
    const result = applyCliFeatureFlags(
      registry,
      { features: { guardianv2: true } },
      {
        enable: ["guardianv2.thread_context"],
        disable: [],
      },
    );
    expect(result.value).toEqual({ features: { guardianv2: { thread_context: true } } });
  });

  it("lets the layer above the session flags win", () => {
    const result = applyCliFeatureFlags(
      registry,
      { features: { apps: false, memories: false } },
      { enable: ["apps", "memories"], disable: [] },
      { features: { apps: false }, model: "x" },
    );
    expect(result.value).toEqual({ features: { apps: false, memories: true } });
  });

  // Oracle: `codex features list --enable bogus` ⇒ `Error: Unknown feature flag: bogus` (exit 1);
  // `--enable auto_review` is rejected the same way, `--enable connectors` is accepted.
  it.each([
    [["bogus"], [], "Unknown feature flag: bogus"],
    [["apps"], ["auto_review"], "Unknown feature flag: auto_review"],
    [["bogus2", "bogus3"], [], "Unknown feature flag: bogus2"],
  ])("rejects unknown names %j %j", (enable, disable, error) => {
    expect(applyCliFeatureFlags(registry, {}, { enable, disable }).error).toBe(error);
  });
});
