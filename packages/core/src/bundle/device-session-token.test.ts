import { describe, expect, it } from "vitest";
import { formatDeviceSessionToken, parseDeviceSessionToken } from "./device-session-token.ts";

const FIELDS = {
  deviceId: "0b6e4b3e-7c1f-4d2a-9a51-3f1e2d4c5b6a",
  expiresAt: 1772367000,
  nonce: "AbCdEfGhIjKlMnOpQrStUvWx",
};

describe("device session tokens", () => {
  it("formats ws1.<deviceId>.<expiresAt>.<nonce> and parses it back", () => {
    const token = formatDeviceSessionToken(FIELDS);
    expect(token).toBe(`ws1.${FIELDS.deviceId}.1772367000.${FIELDS.nonce}`);
    expect(parseDeviceSessionToken(token)).toEqual(FIELDS);
  });
  it.each([
    ["another version", `ws2.${FIELDS.deviceId}.1772367000.${FIELDS.nonce}`],
    ["a missing part", `ws1.${FIELDS.deviceId}.1772367000`],
    ["an extra part", `ws1.${FIELDS.deviceId}.1772367000.${FIELDS.nonce}.x`],
    ["a dotted device id", `ws1.a.b.1772367000.${FIELDS.nonce}`],
    ["a leading zero", `ws1.${FIELDS.deviceId}.01772367000.${FIELDS.nonce}`],
    ["a negative expiry", `ws1.${FIELDS.deviceId}.-1.${FIELDS.nonce}`],
    ["a short nonce", `ws1.${FIELDS.deviceId}.1772367000.abc`],
    ["a nonce outside base64url", `ws1.${FIELDS.deviceId}.1772367000.${"+".repeat(24)}`],
    ["surrounding space", ` ws1.${FIELDS.deviceId}.1772367000.${FIELDS.nonce}`],
    ["nothing", ""],
  ])("refuses %s", (_name, token) => {
    expect(parseDeviceSessionToken(token)).toBeNull();
  });
});
