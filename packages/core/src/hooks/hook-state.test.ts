import { describe, expect, it } from "vitest";
import type { ConfigLayer, ConfigLayerName } from "../config/config-layer.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { collectHookStates, type HookState, hookEnabled, hookTrustStatus } from "./hook-state.ts";

const layer = (name: ConfigLayerName, state: TomlTable, disabledReason: string | null = null): ConfigLayer => ({
  name,
  precedence: 0,
  config: { hooks: { state } },
  document: null,
  disabledReason,
});

describe("collectHookStates (config_rules.rs hook_states_from_stack)", () => {
  it("reads user and session-flag layers only, lower first, field by field, disabled ones too", () => {
    const states = collectHookStates([
      layer({ type: "sessionFlags" }, { k: { enabled: true } }),
      layer({ type: "project", dotCodexFolder: "/p/.codex" }, { k: { trusted_hash: "sha256:project" } }),
      layer(
        { type: "user", file: "/h/config.toml", profile: null },
        { " k ": { enabled: false, trusted_hash: "sha256:u" } },
        "x",
      ),
      layer({ type: "system", file: "/etc/codex/config.toml" }, { k: { trusted_hash: "sha256:system" } }),
    ]);
    expect(states.get("k")).toEqual({ enabled: true, trustedHash: "sha256:u", trustedContentHash: null });
  });

  it("skips records with wrongly typed fields and blank keys", () => {
    const states = collectHookStates([
      layer(
        { type: "user", file: "/h/config.toml", profile: null },
        { a: { enabled: "no" }, "  ": { enabled: false }, b: 5n },
      ),
    ]);
    expect([...states.keys()]).toEqual([]);
  });
});

const state = (fields: Partial<HookState>): HookState => ({
  enabled: null,
  trustedHash: null,
  trustedContentHash: null,
  ...fields,
});

describe("trust and enablement (probed with hooks/list)", () => {
  const cases: ReadonlyArray<readonly [string, boolean, string | null, HookState | undefined, string]> = [
    ["managed ignores state", true, null, state({ trustedHash: "sha256:other" }), "managed"],
    ["no state", false, null, undefined, "untrusted"],
    ["matching hash", false, null, state({ trustedHash: "sha256:id" }), "trusted"],
    ["empty hash", false, null, state({ trustedHash: "" }), "modified"],
    [
      "content hash ignored outside plugins",
      false,
      null,
      state({ trustedHash: "sha256:id", trustedContentHash: "x" }),
      "trusted",
    ],
    ["plugin, identity only", false, "sha256:c", state({ trustedHash: "sha256:id" }), "trusted"],
    [
      "plugin, both match",
      false,
      "sha256:c",
      state({ trustedHash: "sha256:id", trustedContentHash: "sha256:c" }),
      "trusted",
    ],
    [
      "plugin, content changed",
      false,
      "sha256:c",
      state({ trustedHash: "sha256:id", trustedContentHash: "sha256:old" }),
      "modified",
    ],
    [
      "plugin, composite hash is not a trust hash",
      false,
      "sha256:c",
      state({ trustedHash: "sha256:id/sha256:c" }),
      "modified",
    ],
    ["plugin, content hash alone", false, "sha256:c", state({ trustedContentHash: "sha256:c" }), "untrusted"],
  ];
  it.each(cases)("%s", (_name, managed, contentHash, hookState, expected) => {
    expect(hookTrustStatus(managed, "sha256:id", contentHash, hookState)).toBe(expected);
  });

  it("disables only non-managed hooks", () => {
    expect(hookEnabled(true, state({ enabled: false }))).toBe(true);
    expect(hookEnabled(false, state({ enabled: false }))).toBe(false);
    expect(hookEnabled(false, undefined)).toBe(true);
  });
});
