import { createHash, createHmac, createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type DeviceRequestParts,
  deviceRequestText,
  macDeviceRequest,
  signDeviceRequest,
  verifyDeviceRequest,
  verifyDeviceRequestAsync,
  verifyDeviceRequestMac,
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
  it("signs with a parsed private key the same", () => {
    expect(verifyDeviceRequest(PARTS, signDeviceRequest(PARTS, createPrivateKey(PRIVATE)), PUBLIC)).toBe(true);
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

describe("session request MACs", () => {
  const key = Buffer.alloc(32, 7);
  const mac = macDeviceRequest(PARTS, key);
  it.each([
    ["the request as MAC'd", PARTS, key, true],
    ["another method", { ...PARTS, method: "POST" }, key, false],
    ["another path", { ...PARTS, path: "/v1/devices/self/bundle?x=1" }, key, false],
    ["another timestamp", { ...PARTS, timestamp: "1772366400001" }, key, false],
    ["another nonce", { ...PARTS, nonce: "n2" }, key, false],
    ["another body", { ...PARTS, body: "{}" }, key, false],
    ["another key", PARTS, Buffer.alloc(32, 8), false],
  ] as const)("%s → %s", (_name, parts, macKey, expected) => {
    expect(verifyDeviceRequestMac(parts, mac, macKey)).toBe(expected);
  });
  it("is base64url HMAC-SHA256 of the signed text, and refuses malformed MACs", () => {
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mac).toBe(createHmac("sha256", key).update(deviceRequestText(PARTS)).digest("base64url"));
    expect(verifyDeviceRequestMac(PARTS, "", key)).toBe(false);
    expect(verifyDeviceRequestMac(PARTS, mac.slice(0, 40), key)).toBe(false);
  });
  it("hashes an empty body as sha256 of nothing, as before", () => {
    const text = deviceRequestText(PARTS).split("\n");
    expect(text.at(-1)).toBe(createHash("sha256").update("").digest("hex"));
    expect(deviceRequestText({ ...PARTS, body: new Uint8Array(0) })).toBe(deviceRequestText(PARTS));
  });
});
