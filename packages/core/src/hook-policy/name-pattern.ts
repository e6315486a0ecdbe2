import type { PolicyRegexV1 } from "./compiled-hook-policy.ts";
import { anyOfSources, escapeRegex } from "./policy-regex.ts";

/** A list of name patterns compiled to one regex, or the first bad pattern's index and message. */
export type NamePatternCompile = { ok: true; regex: PolicyRegexV1 } | { ok: false; index: number; message: string };

/**
 * Compiles user, host and MCP server/tool name patterns: `*` is any run of characters, `?` one
 * character, everything else literal. `lowerCase` folds the patterns (host names are compared in
 * lower case).
 */
export function compileNamePatterns(patterns: readonly string[], options: { lowerCase: boolean }): NamePatternCompile {
  const sources: string[] = [];
  for (const [index, pattern] of patterns.entries()) {
    if (pattern === "") return { ok: false, index, message: "empty pattern" };
    if (/\s/.test(pattern)) return { ok: false, index, message: "a name pattern cannot contain whitespace" };
    const text = options.lowerCase ? pattern.toLowerCase() : pattern;
    sources.push([...text].map((c) => (c === "*" ? ".*" : c === "?" ? "." : escapeRegex(c))).join(""));
  }
  return { ok: true, regex: { source: anyOfSources(sources), flags: "" } };
}
