import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { diagnosticAt, formatKeyPath } from "./diagnostic-at.ts";

describe("formatKeyPath", () => {
  it.each([
    [["allowed_sandbox_modes"], "allowed_sandbox_modes"],
    [["rules", "prefix_rules", 1, "decision"], "rules.prefix_rules[1].decision"],
    [["permissions", "my profile"], 'permissions."my profile"'],
    [["allowed_permission_profiles", ":workspace"], 'allowed_permission_profiles.":workspace"'],
    [["projects", "/srv/a.b", "trust_level"], 'projects."/srv/a.b".trust_level'],
    [[], ""],
  ])("%j → %s", (path, text) => {
    expect(formatKeyPath(path)).toBe(text);
  });
});

describe("diagnosticAt", () => {
  const parsed = parseToml('a = 1\n[t]\nlist = ["x", "y"]\n');
  if (!parsed.ok) throw new Error("fixture");
  const site = { file: "f.toml", document: parsed.document };
  it.each([
    ["a value", { path: ["t", "list", 1] }, [3, 14, "t.list[1]"]],
    ["a key", { path: ["t", "list"], at: "key" as const }, [3, 1, "t.list"]],
    ["a missing key falls back to its parent", { path: ["t", "nope"] }, [2, 1, "t.nope"]],
    ["an explicit position", { position: { line: 9, column: 4 } }, [9, 4, null]],
    ["the whole file", {}, [1, 1, null]],
  ])("%s", (_name, finding, [line, column, keyPath]) => {
    const d = diagnosticAt(site, { code: "c", severity: "warning", message: "m", ...finding });
    expect([d.line, d.column, d.keyPath]).toEqual([line, column, keyPath]);
  });

  it("has no position without a document", () => {
    const d = diagnosticAt({ file: "f.toml", document: null }, { code: "c", severity: "error", message: "m" });
    expect([d.line, d.column]).toEqual([null, null]);
  });
});
