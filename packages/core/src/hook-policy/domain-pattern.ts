import type { PolicyRegexV1 } from "./compiled-hook-policy.ts";
import { anyOfSources, escapeRegex } from "./policy-regex.ts";

/** Domain patterns compiled to one regex over lower-case host names, or the first bad one. */
export type DomainPatternCompile = { ok: true; regex: PolicyRegexV1 } | { ok: false; index: number; message: string };

const HOST_CHARS = /^[a-z0-9._*?-]+$/;

/**
 * Compiles network domain patterns with Codex's network-proxy semantics (hooks-execpolicy-spec
 * §3.2): `example.com` is that host only, `*.example.com` any subdomain but not the apex,
 * `**.example.com` the apex and every subdomain, `*` every host; `*` and `?` inside a label are
 * globs and `*` crosses dots. Patterns are case-insensitive; a trailing dot is ignored.
 */
export function compileDomainPatterns(patterns: readonly string[]): DomainPatternCompile {
  const sources: string[] = [];
  for (const [index, pattern] of patterns.entries()) {
    const source = domainSource(pattern);
    if (source.startsWith("!")) return { ok: false, index, message: source.slice(1) };
    sources.push(source);
  }
  return { ok: true, regex: { source: anyOfSources(sources), flags: "" } };
}

// The regex source of one pattern, or an error message prefixed with `!`.
function domainSource(pattern: string): string {
  if (pattern.trim() === "") return "!empty domain pattern";
  if (/[/#@]|:\/\//.test(pattern)) return "!a domain pattern is a host name such as `example.com`, not a URL";
  let host = pattern.trim().toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.includes(":")) {
    if (/^[0-9a-f:.]+$/.test(host) && host.split(":").length > 2) return escapeRegex(host);
    return "!ports are not part of a domain pattern; write the host name only";
  }
  if (!HOST_CHARS.test(host)) return "!a domain pattern may contain only letters, digits, `-`, `_`, `.`, `*` and `?`";
  if (host.split(".").some((label) => label === "")) return "!empty label (`..`, or a leading dot)";
  if (host === "*" || host === "**") return ".+";
  if (host.startsWith("**.")) return `(?:.+\\.)?${globLabels(host.slice(3))}`;
  if (host.startsWith("*.")) return `.+\\.${globLabels(host.slice(2))}`;
  return globLabels(host);
}

function globLabels(text: string): string {
  return [...text].map((c) => (c === "*" ? ".*" : c === "?" ? "." : escapeRegex(c))).join("");
}

/**
 * Normalizes a host as Codex's proxy does before matching: trims, drops `[…]` around IPv6, strips a
 * single `:port`, lower-cases and drops trailing dots.
 */
export function normalizeHost(raw: string): string {
  let host = raw.trim();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    host = end > 0 ? host.slice(1, end) : host.slice(1);
  } else if (host.indexOf(":") >= 0 && host.indexOf(":") === host.lastIndexOf(":")) {
    host = host.slice(0, host.indexOf(":"));
  }
  return host.toLowerCase().replace(/\.+$/, "");
}
