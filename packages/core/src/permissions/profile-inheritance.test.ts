import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { resolveProfileInheritance } from "./profile-inheritance.ts";

describe("resolveProfileInheritance", () => {
  it("merges parents under children and drops inherited description/extends", () => {
    const catalog: Record<string, TomlTable> = {
      base: { description: "base", extends: ":read-only", filesystem: { "/a": "write" }, network: { enabled: true } },
      child: { description: "child", extends: "base", filesystem: { "/a": "read", "/b": "write" } },
    };
    expect(resolveProfileInheritance(catalog, "child")).toEqual({
      profile: {
        filesystem: { ":root": "read", "/a": "read", "/b": "write" },
        network: { enabled: true },
        description: "child",
        extends: "base",
      },
      error: null,
    });
  });

  it("inherits the :workspace built-in table", () => {
    const result = resolveProfileInheritance({ c: { extends: ":workspace" } }, "c");
    expect(result.profile?.filesystem).toMatchObject({ ":slash_tmp": "write", ":workspace_roots": { ".": "write" } });
  });

  // Texts probed with codex 0.169.0 (c-undef-parent, c-ext-dfa, c-cycle, dp-undefined-with-table).
  it.each<[Record<string, TomlTable>, string, string]>([
    [{ c: { extends: "zz" } }, "c", "permissions profile `c` extends undefined profile `zz`"],
    [
      { c: { extends: ":danger-full-access" } },
      "c",
      "permissions profile `c` cannot extend unsupported built-in profile `:danger-full-access`",
    ],
    [{ c: { extends: "d" }, d: { extends: "c" } }, "c", "permissions profile inheritance cycle detected: c -> d -> c"],
    [{ c: {} }, "nope", "default_permissions refers to undefined profile `nope`"],
  ])("reports %j / %s", (catalog, name, error) => {
    expect(resolveProfileInheritance(catalog, name)).toEqual({ profile: null, error });
  });
});
