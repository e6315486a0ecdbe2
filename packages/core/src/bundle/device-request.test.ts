import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type DeviceRequestParts,
  signDeviceRequest,
  verifyDeviceRequest,
  verifyDeviceRequestAsync,
} from "./device-request.ts";

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const PUBLIC = publicKey.export({ type: "spki", format: "pem" }).toString();
const PRIVATE = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const PARTS: DeviceRequestParts = {
  method: "GET",
  path: "/v1/devices/self/bundle",
  timestamp: "1772366400000",
  nonce: "n1",
  body: "",
};

describe("device request signatures", () => {
  const signature = signDeviceRequest(PARTS, PRIVATE);
  it.each([
    ["the request as signed", PARTS, true],
    ["another method", { ...PARTS, method: "POST" }, false],
    ["another path", { ...PARTS, path: "/v1/devices/self/bundle?x=1" }, false],
    ["another timestamp", { ...PARTS, timestamp: "1772366400001" }, false],
    ["another nonce", { ...PARTS, nonce: "n2" }, false],
    ["another body", { ...PARTS, body: "{}" }, false],
  ] as const)("%s → %s", (_name, parts, expected) => {
    expect(verifyDeviceRequest(parts, signature, PUBLIC)).toBe(expected);
  });
  it("refuses malformed signatures and keys", () => {
    expect(verifyDeviceRequest(PARTS, "AAAA", PUBLIC)).toBe(false);
    expect(verifyDeviceRequest(PARTS, signature, "nope")).toBe(false);
  });
  it("takes the key as a parsed KeyObject too, and verifies the same on the thread pool", async () => {
    expect(verifyDeviceRequest(PARTS, signature, publicKey)).toBe(true);
    expect(verifyDeviceRequest({ ...PARTS, nonce: "n2" }, signature, publicKey)).toBe(false);
    expect(await verifyDeviceRequestAsync(PARTS, signature, publicKey)).toBe(true);
    expect(await verifyDeviceRequestAsync(PARTS, signature, PUBLIC)).toBe(true);
    expect(await verifyDeviceRequestAsync({ ...PARTS, path: "/v1/x" }, signature, publicKey)).toBe(false);
    expect(await verifyDeviceRequestAsync(PARTS, "AAAA", publicKey)).toBe(false);
    expect(await verifyDeviceRequestAsync(PARTS, signature, "nope")).toBe(false);
    const other = generateKeyPairSync("ed25519").publicKey;
    expect(await verifyDeviceRequestAsync(PARTS, signature, other)).toBe(false);
  });
});
