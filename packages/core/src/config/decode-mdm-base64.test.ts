import { describe, expect, it } from "vitest";
import { decodeMdmBase64 } from "./decode-mdm-base64.ts";

// Source-derived (base64 0.22 `DecodeError` and `FromUtf8Error` Display); MDM was not probed (no macOS).
describe("decodeMdmBase64", () => {
  it.each([
    ["bW9kZWwgPSAieCIK", { text: 'model = "x"\n' }],
    ["YQ==", { text: "a" }],
    ["Y!==", { error: "Invalid symbol 33, offset 1." }],
    ["YQ", { error: "Invalid padding" }],
    ["YQ=x", { error: "Invalid symbol 61, offset 2." }],
    ["Y", { error: "Invalid input length: 1" }],
    ["/w==", { error: "invalid utf-8 sequence of 1 bytes from index 0" }],
    ["4oI=", { error: "incomplete utf-8 byte sequence from index 0" }],
  ])("%s", (encoded, expected) => {
    expect(decodeMdmBase64(encoded)).toEqual(expected);
  });
});
