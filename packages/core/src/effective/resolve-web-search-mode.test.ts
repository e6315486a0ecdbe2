import { describe, expect, it } from "vitest";
import type { WebSearchMode } from "../constraints/web-search-mode.ts";
import { configuredWebSearchMode, resolveWebSearchMode } from "./resolve-web-search-mode.ts";

const source = "/etc/codex/requirements.toml";
const allowed = (...modes: WebSearchMode[]) => ({ allowed: new Set<WebSearchMode>(["disabled", ...modes]), source });

describe("web search mode (spec §4.2, §6.4 cases 61–62)", () => {
  it("reads the configured value, then legacy toggles, then cached", () => {
    expect(configuredWebSearchMode("live", {})).toBe("live");
    expect(configuredWebSearchMode(undefined, { webSearchRequest: true })).toBe("live");
    expect(configuredWebSearchMode(undefined, { webSearchCached: true })).toBe("cached");
    expect(configuredWebSearchMode(undefined, {})).toBe("cached");
  });

  it("warns even for the default when requirements forbid it", () => {
    expect(resolveWebSearchMode("cached", allowed("live"))).toEqual({
      value: "live",
      warning:
        "Configured value for `web_search_mode` is disallowed by requirements; falling back to required value Live. Details: invalid value for `web_search_mode`: `Cached` is not in the allowed set [Disabled, Live] (set by /etc/codex/requirements.toml)",
    });
  });

  it("prefers indexed over live as the fallback", () => {
    expect(resolveWebSearchMode("cached", allowed("live", "indexed")).value).toBe("indexed");
  });

  it("falls back to disabled for an empty list", () => {
    const result = resolveWebSearchMode("cached", allowed());
    expect(result.value).toBe("disabled");
    expect(result.warning).toContain("`Cached` is not in the allowed set [Disabled]");
  });

  it("keeps an allowed value and anything without requirements", () => {
    expect(resolveWebSearchMode("disabled", allowed("cached"))).toEqual({ value: "disabled", warning: null });
    expect(resolveWebSearchMode("live", null)).toEqual({ value: "live", warning: null });
  });
});
