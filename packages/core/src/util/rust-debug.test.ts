import { describe, expect, it } from "vitest";
import { debugString } from "./rust-debug.ts";

describe("debugString", () => {
  it.each([
    ["openai", '"openai"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["C:\\x", '"C:\\\\x"'],
    ["a\nb\tc", '"a\\nb\\tc"'],
    ["\u001b[0m", '"\\u{1b}[0m"'],
    ["é", '"é"'],
  ])("%j → %s", (input, expected) => {
    expect(debugString(input)).toBe(expected);
  });
});
