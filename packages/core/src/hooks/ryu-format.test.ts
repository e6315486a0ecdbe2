import { describe, expect, it } from "vitest";
import { formatRyuF64 } from "./ryu-format.ts";

/**
 * TOML floats in an MCP hook's `input` and the text Codex 0.169.0 hashed for them, found by
 * matching `hooks/list` `currentHash` values (config.toml `input = { v = <value> }`).
 */
const CAPTURED: ReadonlyArray<readonly [value: number, text: string]> = [
  [1.0, "1.0"],
  [2.5, "2.5"],
  [1e3, "1000.0"],
  [1e15, "1000000000000000.0"],
  [1e16, "1e+16"],
  [1e17, "1e+17"],
  [1.5e16, "1.5e+16"],
  [1.2345678901234568e17, "1.2345678901234568e+17"],
  [1e-4, "0.0001"],
  [1e-5, "0.00001"],
  [1.5e-5, "0.000015"],
  [1.5e-7, "1.5e-7"],
  [-2.5e20, "-2.5e+20"],
  [5e-324, "5e-324"],
  [1.7976931348623157e308, "1.7976931348623157e+308"],
  [1e300, "1e+300"],
  [0.1, "0.1"],
  [100.0, "100.0"],
  [-0.0, "-0.0"],
];

describe("formatRyuF64", () => {
  it.each(CAPTURED)("%s → %s", (value, text) => {
    expect(formatRyuF64(value)).toBe(text);
  });
});
