import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { liveWebSearchAllowed } from "./live-web-search-allowed.ts";

describe("liveWebSearchAllowed", () => {
  it.each([
    [
      "live only: it becomes the default",
      'allowed_web_search_modes = ["live"]\n',
      ["1:29 allowed_web_search_modes[0]"],
      "becomes the default",
    ],
    [
      "live beside cached",
      'allowed_web_search_modes = ["cached", "live"]\n',
      ["1:39 allowed_web_search_modes[1]"],
      "upgrade cached search",
    ],
    ["no live", 'allowed_web_search_modes = ["cached", "indexed"]\n', [], ""],
    ["empty list (only disabled)", "allowed_web_search_modes = []\n", [], ""],
    ["absent", "", [], ""],
  ])("%s", (_name, text, expected, fragment) => {
    const found = runLint(liveWebSearchAllowed, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d.code).toBe("live-web-search-allowed");
      expect(d.message).toContain(fragment);
    }
  });
});
