import { describe, expect, it } from "vitest";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { TomlDateTime, type TomlValue } from "../toml/toml-value.ts";
import { buildSessionFlagsLayer, parseCliOverrides } from "./cli-overrides.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];

// Observed from the binary: `codex app-server -c <raw> …` then `config/read {includeLayers}`;
// each row is the `sessionFlags` layer entry Codex 0.169.0 reported for that `-c`.
const observed: Array<[string, string, TomlValue]> = [
  ["a=hello", "a", "hello"],
  ["b= 1 ", "b", 1n],
  ["c=x=y", "c", "x=y"],
  ["d=", "d", ""],
  ['e="q"', "e", "q"],
  ["f='lit'", "f", "lit"],
  ['g="unterminated', "g", "unterminated"],
  [`h="'mixed'"`, "h", "'mixed'"],
  ["k={x=1}", "k", { x: 1n }],
  ['l=[1,"a"]', "l", [1n, "a"]],
  ["n=1.5", "n", 1.5],
  ["o=1\np=2", "o", 1n],
  ["use_legacy_landlock=true", "features.use_legacy_landlock", true],
  ["approval_policy=never", "approval_policy", "never"],
];

describe("parseCliOverrides", () => {
  it.each(observed)("%j ⇒ %s", (raw, path, value) => {
    expect(parseCliOverrides([raw])).toEqual({ ok: true, overrides: [{ path, value }] });
  });

  it("parses a date-time as a TOML date-time (observed: `$__toml_private_datetime`)", () => {
    const parsed = parseCliOverrides(["m=1979-05-27"]);
    expect(parsed.ok && parsed.overrides[0]?.value).toBeInstanceOf(TomlDateTime);
  });

  it("keeps key segments verbatim, quotes and spaces included (observed)", () => {
    expect(parseCliOverrides([" i . j =2", 'q."r.s"=1'])).toEqual({
      ok: true,
      overrides: [
        { path: "i . j", value: 2n },
        { path: 'q."r.s"', value: 1n },
      ],
    });
  });

  // Observed from the binary: `codex -c <raw> features list` exits 1 with `Error: <text>`.
  it.each([
    ["novalue", "Invalid override (missing '='): novalue"],
    [" =1", "Empty key in override:  =1"],
  ])("rejects %j", (raw, message) => {
    expect(parseCliOverrides(["ok=1", raw])).toEqual({ ok: false, message });
  });
});

describe("buildSessionFlagsLayer", () => {
  it("builds nested tables from dotted keys, splitting quoted segments (observed layer)", () => {
    const built = buildSessionFlagsLayer(registry, [" i . j =2", 'q."r.s"=1', "u.v.w=true"], [], []);
    expect(built).toEqual({
      ok: true,
      config: { "i ": { " j": 2n }, q: { '"r': { 's"': 1n } }, u: { v: { w: true } } },
    });
  });

  it("replaces a non-table intermediate with a table", () => {
    expect(buildSessionFlagsLayer(registry, ["a=1", "a.b=2"], [], [])).toEqual({ ok: true, config: { a: { b: 2n } } });
  });

  // Observed from the binary: `-c x=1 --enable goals -c y=2 --disable apps -c features.goals=false`
  // ⇒ layer `{x, y, features: {goals: true, apps: false}}`.
  it("appends --enable/--disable after every -c override (observed)", () => {
    const built = buildSessionFlagsLayer(registry, ["x=1", "features.goals=false", "y=2"], ["goals"], ["apps"]);
    expect(built).toEqual({ ok: true, config: { x: 1n, features: { goals: true, apps: false }, y: 2n } });
  });

  it("checks feature names before -c syntax (observed: `Unknown feature flag: bogus` wins)", () => {
    expect(buildSessionFlagsLayer(registry, ["novalue"], ["bogus"], [])).toEqual({
      ok: false,
      message: "Unknown feature flag: bogus",
    });
  });

  it("has no layer without flags", () => {
    expect(buildSessionFlagsLayer(registry, [], [], [])).toEqual({ ok: true, config: null });
  });
});
