import { describe, expect, it } from "vitest";
import { TomlDateTime } from "../toml/toml-value.ts";
import {
  rustDebugString,
  rustTrim,
  serdeFloatDisplay,
  tomlDateTimeDisplay,
  tomlTypeStr,
  unexpectedOf,
} from "./rust-display.ts";

// Every expectation below was observed in Codex 0.169.0 error texts
// (`allowed_approval_policies = <value>` ⇒ `invalid type: <unexpected>, expected a sequence`).
describe("rustDebugString", () => {
  it.each([
    ["a\tb", '"a\\tb"'],
    ["a\nb", '"a\\nb"'],
    ["a\rb", '"a\\rb"'],
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["a'b", `"a'b"`],
    ["a\0b", '"a\\0b"'],
    ["a\u007fb", '"a\\u{7f}b"'],
    ["a\u0085b", '"a\\u{85}b"'],
    ["a\u00a0b", '"a\\u{a0}b"'],
    ["a\u200bb", '"a\\u{200b}b"'],
    ["e\u0301", '"e\\u{301}"'],
    ["\u{1F600}", '"\u{1F600}"'],
    ["\ufeff", '"\\u{feff}"'],
    ["\u2028", '"\\u{2028}"'],
    ["\u00ad", '"\\u{ad}"'],
    ["\u001b", '"\\u{1b}"'],
    ["\u3000", '"\\u{3000}"'],
    ["\ue000", '"\\u{e000}"'],
    ["日本", '"日本"'],
    ["\u200d", '"\\u{200d}"'],
    ["\u202e", '"\\u{202e}"'],
    ["\ufffe", '"\\u{fffe}"'],
  ])("escapes %j as %s", (input, expected) => {
    expect(rustDebugString(input)).toBe(expected);
  });
});

describe("serdeFloatDisplay", () => {
  it.each([
    [1.0, "1.0"],
    [-0.0, "-0.0"],
    [1.5e-10, "0.00000000015"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
    [Number.NaN, "NaN"],
    [0.1, "0.1"],
    [1e21, "1000000000000000000000.0"],
    [1e-7, "0.0000001"],
    [Number("3.14159265358979"), "3.14159265358979"],
    [1e300, `1${"0".repeat(300)}.0`],
  ])("renders %s as %s", (input, expected) => {
    expect(serdeFloatDisplay(input)).toBe(expected);
  });
});

describe("tomlDateTimeDisplay", () => {
  it.each([
    ["1979-05-27T07:32:00.999999-07:00", "offset-date-time", "1979-05-27T07:32:00.999999-07:00"],
    ["07:32:00", "local-time", "07:32:00"],
    ["1979-05-27 07:32:00Z", "offset-date-time", "1979-05-27T07:32:00Z"],
    ["1979-05-27T07:32:00.5", "local-date-time", "1979-05-27T07:32:00.5"],
    ["1979-05-27t07:32:00z", "offset-date-time", "1979-05-27T07:32:00Z"],
    ["1979-05-27", "local-date", "1979-05-27"],
    ["07:32:00.000", "local-time", "07:32:00"],
  ] as const)("renders %s as %s", (text, kind, expected) => {
    expect(tomlDateTimeDisplay(new TomlDateTime(text, kind))).toBe(expected);
  });
});

describe("unexpectedOf / tomlTypeStr", () => {
  it("names TOML values the way serde's Unexpected does", () => {
    expect(unexpectedOf(true)).toBe("boolean `true`");
    expect(unexpectedOf(-9223372036854775808n)).toBe("integer `-9223372036854775808`");
    expect(unexpectedOf(1.5)).toBe("floating point `1.5`");
    expect(unexpectedOf("x")).toBe('string "x"');
    expect(unexpectedOf(new TomlDateTime("1979-05-27", "local-date"))).toBe('string "1979-05-27"');
    expect(unexpectedOf([])).toBe("sequence");
    expect(unexpectedOf({})).toBe("map");
  });
  it("uses toml::Value::type_str names", () => {
    expect([1n, 1.5, true, "s", new TomlDateTime("07:32:00", "local-time"), [], {}].map(tomlTypeStr)).toEqual([
      "integer",
      "float",
      "boolean",
      "string",
      "datetime",
      "array",
      "table",
    ]);
  });
});

describe("rustTrim", () => {
  it("trims Unicode White_Space but not U+FEFF", () => {
    expect(rustTrim("\u0085 a \u3000")).toBe("a");
    expect(rustTrim("\ufeff")).toBe("\ufeff");
  });
});
