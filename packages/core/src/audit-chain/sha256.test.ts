import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.ts";

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ])("%j (FIPS 180-4 vectors)", (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it("agrees with node:crypto on every length around the block boundaries and on non-ASCII text", () => {
    for (let length = 0; length < 200; length++) {
      const text = "aé😀".repeat(length).slice(0, length);
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    }
    const big = "x".repeat(100_000);
    expect(sha256Hex(big)).toBe(createHash("sha256").update(big).digest("hex"));
  });
});
