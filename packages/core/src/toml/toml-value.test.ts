import { describe, expect, it } from "vitest";
import { cloneToml, dottedPath, isTable, TomlDateTime, tomlToJson } from "./toml-value.ts";

describe("toml-value", () => {
  it("tells tables from arrays and date-times", () => {
    expect(isTable({ a: 1n })).toBe(true);
    expect(isTable([1n])).toBe(false);
    expect(isTable(new TomlDateTime("1979-05-27", "local-date"))).toBe(false);
  });
  it("renders serde-style dotted paths without array indexes", () => {
    expect(dottedPath(["rules", "prefix_rules", 0, "decision"])).toBe("rules.prefix_rules.decision");
  });
  it("deep-copies tables", () => {
    const source = { a: { b: [1n] } };
    const copy = cloneToml(source);
    (copy.a.b as bigint[]).push(2n);
    expect(source.a.b).toEqual([1n]);
  });
  it("converts to JSON with bigint and date-time handling", () => {
    expect(tomlToJson({ n: 3n, big: 2n ** 60n, d: new TomlDateTime("1979-05-27", "local-date") })).toEqual({
      n: 3,
      big: "1152921504606846976",
      d: "1979-05-27",
    });
  });
});
