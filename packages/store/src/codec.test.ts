import { describe, expect, it, vi } from "vitest";
import { newId } from "./codec.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newId", () => {
  it("makes RFC 9562 version 7 UUIDs carrying the current time", () => {
    const before = Date.now();
    const id = newId();
    expect(id).toMatch(UUID_V7);
    const ms = Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("sorts in creation order within one millisecond, past the counter's end and when the clock steps back", () => {
    const clock = vi.spyOn(Date, "now");
    try {
      clock.mockReturnValue(Date.UTC(2030, 0, 1));
      const ids = Array.from({ length: 5000 }, () => newId());
      clock.mockReturnValue(Date.UTC(2029, 0, 1));
      ids.push(newId(), newId());
      expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
      expect([...ids].sort()).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      clock.mockRestore();
    }
  });
});
