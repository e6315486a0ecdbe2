import { describe, expect, it } from "vitest";
import type { ConfigLayer } from "../config/config-layer.ts";
import type { TomlTable } from "../toml/toml-value.ts";
import { resolvePermissionSyntax } from "./permission-syntax.ts";

const layer = (type: "user" | "project" | "sessionFlags", precedence: number, config: TomlTable, disabled = false) =>
  ({
    name:
      type === "user"
        ? { type, file: "/h/config.toml", profile: null }
        : type === "project"
          ? { type, dotCodexFolder: "/p/.codex" }
          : { type },
    precedence,
    config,
    document: null,
    disabledReason: disabled ? "untrusted" : null,
  }) as ConfigLayer;

const sm = { sandbox_mode: "danger-full-access" };
const dp = { default_permissions: ":read-only" };

describe("resolvePermissionSyntax", () => {
  it.each<[string, ConfigLayer[] | null, TomlTable, boolean, string | null]>([
    ["nothing set", [layer("user", 20, {})], {}, false, null],
    ["sandbox override wins", [layer("user", 20, dp)], dp, true, "legacy"],
    [
      "higher project layer decides (probed)",
      [layer("user", 20, dp), layer("project", 25, sm)],
      { ...dp, ...sm },
      false,
      "legacy",
    ],
    [
      "higher project layer decides the other way (probed)",
      [layer("project", 25, dp), layer("user", 20, sm)],
      { ...dp, ...sm },
      false,
      "profiles",
    ],
    [
      "default_permissions wins inside a layer (probed)",
      [layer("user", 20, { ...sm, ...dp })],
      { ...sm, ...dp },
      false,
      "profiles",
    ],
    [
      "session default_permissions wins (probed)",
      [layer("user", 20, sm), layer("sessionFlags", 30, dp)],
      { ...sm, ...dp },
      false,
      "profiles",
    ],
    ["disabled layers are skipped (probed)", [layer("project", 25, sm, true)], {}, false, null],
    ["merged table without layers", null, sm, false, "legacy"],
  ])("%s", (_name, layers, config, override, expected) => {
    expect(resolvePermissionSyntax({ layers, config, sandboxModeOverride: override })).toBe(expected);
  });
});
