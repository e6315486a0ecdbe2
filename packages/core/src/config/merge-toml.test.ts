import { describe, expect, it } from "vitest";
import { mergeTomlValues } from "./merge-toml.ts";

describe("mergeTomlValues", () => {
  it("merges tables key by key, higher wins per leaf (stack test: features)", () => {
    const low = { features: { beta: false, shared: false } };
    const high = { features: { alpha: true, shared: true } };
    expect(mergeTomlValues(low, high)).toEqual({ features: { beta: false, shared: true, alpha: true } });
  });
  it("replaces arrays, even with an empty one", () => {
    expect(mergeTomlValues({ a: ["x", "y"] }, { a: [] })).toEqual({ a: [] });
  });
  it("replaces a table with a scalar and a scalar with a table", () => {
    expect(mergeTomlValues({ a: { b: 1n } }, { a: "s" })).toEqual({ a: "s" });
    expect(mergeTomlValues({ a: "s" }, { a: { b: 1n } })).toEqual({ a: { b: 1n } });
  });
  it("does not alias the overlay", () => {
    const overlay = { t: { list: [1n] } };
    const merged = mergeTomlValues({}, overlay) as { t: { list: bigint[] } };
    merged.t.list.push(2n);
    expect(overlay.t.list).toEqual([1n]);
  });
});
