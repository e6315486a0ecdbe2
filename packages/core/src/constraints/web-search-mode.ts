/** Codex's `WebSearchMode`. */
export type WebSearchMode = "disabled" | "cached" | "indexed" | "live";

/** All modes in the order Codex lists an allowed set (`[Disabled, Cached, Indexed, Live]`). */
export const WEB_SEARCH_MODES: readonly WebSearchMode[] = ["disabled", "cached", "indexed", "live"];

/** Rust `Debug` rendering (`Cached`). */
export function debugWebSearchMode(mode: WebSearchMode): string {
  return mode[0]!.toUpperCase() + mode.slice(1);
}

/** The constraint's initial (fallback) value: cached › indexed › live › disabled (spec §1.1). */
export function initialWebSearchMode(allowed: ReadonlySet<WebSearchMode>): WebSearchMode {
  for (const mode of ["cached", "indexed", "live"] as const) if (allowed.has(mode)) return mode;
  return "disabled";
}
