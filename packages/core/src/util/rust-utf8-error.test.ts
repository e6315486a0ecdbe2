import { describe, expect, it } from "vitest";
import { rustUtf8Error } from "./rust-utf8-error.ts";

// Texts of Rust's `String::from_utf8` errors (probed: a config file with byte 0xff at index 7).
describe("rustUtf8Error", () => {
  it.each([
    [[0x61], null],
    [[0x61, 0xff], "invalid utf-8 sequence of 1 bytes from index 1"],
    [[0xe2, 0x82], "incomplete utf-8 byte sequence from index 0"],
    [[0xe2, 0x82, 0x41], "invalid utf-8 sequence of 2 bytes from index 0"],
  ])("%j", (bytes, expected) => {
    expect(rustUtf8Error(Uint8Array.from(bytes))).toBe(expected);
  });
});
