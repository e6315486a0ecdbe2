import { describe, expect, it } from "vitest";
import { signedPath } from "./device-auth.ts";

describe("signedPath", () => {
  it.each([
    "http://127.0.0.1:8080/v1/devices/self/bundle",
    "http://localhost/v1/audit/events?deviceId=a&x=%20b",
    "https://warden.example.com/v1/devices/self/bundle?",
    "http://h/",
    "http://h",
    "http://h/a/b?c=d#frag",
    "http://h:1/v1/x?y=//z",
    "http://h/v1/x?#f",
    "http://h/v1/x?a=1?",
  ])("is the URL's path and query: %s", (url) => {
    const parsed = new URL(url);
    expect(signedPath(new Request(url))).toBe(`${parsed.pathname}${parsed.search}`);
  });
});
