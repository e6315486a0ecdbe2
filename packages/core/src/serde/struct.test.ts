import { describe, expect, it } from "vitest";
import type { TomlValue } from "../toml/toml-value.ts";
import { map, seq } from "./collections.ts";
import { bool, string, u16 } from "./primitives.ts";
import type { Schema } from "./schema.ts";
import { formatSerdeError } from "./serde-error.ts";
import { defaulted, flatMap, flatten, optional, required, struct } from "./struct.ts";

function run<T>(schema: Schema<T>, value: TomlValue, mode: "toml" | "content" = "toml"): T | string {
  const result = schema.deserialize(value, mode);
  return result.ok ? result.value : formatSerdeError(result.error);
}

const point = struct("Point", { x: required(u16()), y: optional(bool()), z: defaulted(bool(), () => false) });

describe("struct (serde derive)", () => {
  it("reads a table, applying Option and default semantics", () => {
    expect(run(point, { x: 1n })).toEqual({ x: 1, z: false });
    expect(run(point, { x: 2n, y: true, z: true, other: "ignored" })).toEqual({ x: 2, y: true, z: true });
  });

  it("reports the first failing key in document order, with the key in toml mode only", () => {
    expect(run(point, { y: "a", x: "b" })).toBe('invalid type: string "a", expected a boolean\nin `y`\n');
    expect(run(point, { x: "b", y: "a" })).toBe('invalid type: string "b", expected u16\nin `x`\n');
    expect(run(point, { y: "a" }, "content")).toBe('invalid type: string "a", expected a boolean\n');
  });

  it("checks missing fields after all keys, in declaration order", () => {
    const two = struct("Two", { a: required(string()), b: required(string()) });
    expect(run(two, {})).toBe("missing field `a`\n");
    expect(run(two, { b: "x" })).toBe("missing field `a`\n");
  });

  it("rejects unknown keys and aliases used twice", () => {
    const strict = struct("Strict", { a: optional(bool(), { aliases: ["b"] }) }, { denyUnknownFields: true });
    expect(run(strict, { zzz: 1n })).toBe("unknown field `zzz`, expected `a` or `b`\n");
    expect(run(strict, { b: true, a: false })).toBe("duplicate field `a`\n");
    expect(run(strict, { b: true })).toEqual({ a: true });
  });

  it("reads a struct positionally from an array (serde visit_seq)", () => {
    expect(run(point, [3n, true])).toEqual({ x: 3, y: true, z: false });
    expect(run(point, [])).toBe("invalid length 0, expected struct Point with 3 elements\n");
    expect(run(point, [3n])).toBe("invalid length 1, expected struct Point with 3 elements\n");
    expect(run(point, [3n, true, true, true])).toBe("invalid length 4, expected fewer elements in array\n");
    expect(run(point, [3n, true, true, true], "content")).toBe("invalid length 4, expected 3 elements in sequence\n");
  });

  it("rejects other TOML types with `struct Name`", () => {
    expect(run(point, 1.5)).toBe("invalid type: floating point `1.5`, expected struct Point\n");
  });
});

describe("flatten", () => {
  const withRest = struct("WithRest", { known: optional(bool()), rest: flatten(map(bool())) });

  it("gives leftover keys to the flattened map and drops their keys from errors", () => {
    expect(run(withRest, { known: true, a: false })).toEqual({ known: true, rest: { a: false } });
    expect(run({ ...withRest }, { known: 1n })).toBe("invalid type: integer `1`, expected a boolean\nin `known`\n");
    expect(run(withRest, { a: 1n })).toBe("invalid type: integer `1`, expected a boolean\n");
  });

  it("refuses the positional form", () => {
    expect(run(withRest, [])).toBe("invalid type: sequence, expected struct WithRest\n");
  });

  it("flatMap reads a map-only struct as the map itself", () => {
    const features = flatMap("FeatureRequirementsInput", bool());
    expect(run(features, { apps: false })).toEqual({ apps: false });
    expect(run(features, 1.5)).toBe("invalid type: floating point `1.5`, expected struct FeatureRequirementsInput\n");
  });

  it("keeps `__proto__` as an ordinary key", () => {
    const table: Record<string, TomlValue> = {};
    Object.defineProperty(table, "__proto__", { value: true, enumerable: true });
    const out = run(map(bool()), table) as Record<string, boolean>;
    expect(Object.keys(out)).toEqual(["__proto__"]);
  });
});

describe("seq", () => {
  it("never records array positions in the path", () => {
    const nested = struct("Outer", { list: required(seq(struct("Inner", { v: required(bool()) }))) });
    expect(run(nested, { list: [{ v: true }, { v: 1n }] })).toBe(
      "invalid type: integer `1`, expected a boolean\nin `list.v`\n",
    );
  });
});
