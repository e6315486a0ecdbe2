import { normalizeHostname } from "../../requirements/remote-sandbox-config.ts";
import { isTable } from "../../toml/toml-value.ts";
import type { Finding } from "../diagnostic-at.ts";
import type { Lint } from "./lint.ts";

const CODE = "hostname-pattern-never-matches";

/**
 * Why a normalized pattern can never equal a valid host name, or null. Codex compares the whole
 * normalized name (kernel host name, or its FQDN; trimmed, trailing dots removed, lower-cased)
 * with a glob of `*` and `?` only (requirements-spec §2.4). Valid host names are ASCII letters,
 * digits, `-` and dots between labels (RFC 1123). `_` is accepted: hostname tools refuse it, but
 * Windows machine names and the Linux kernel allow it and Codex then matches it (probed). The
 * kernel would even accept `a/b` (probed), but no tool sets such a name.
 */
export function neverMatchReason(pattern: string): string | null {
  const normalized = normalizeHostname(pattern);
  if (normalized === "") return "it is empty after trimming, so Codex skips it";
  const bad = [...normalized].find((c) => !/[a-z0-9.\-_*?]/.test(c));
  if (bad !== undefined) {
    if (bad === "[" || bad === "]" || bad === "{" || bad === "}") {
      return `\`${bad}\` is not glob syntax here: Codex supports only \`*\` and \`?\`, so it must appear literally in the host name, which it never does`;
    }
    if (bad === "/" || bad === ":")
      return `\`${bad}\` never occurs in a host name (write the bare name, not a URL or host:port)`;
    if (/\s/.test(bad) || bad === ",")
      return "it contains a separator: each pattern is one glob, so list several patterns as separate strings";
    if (bad.charCodeAt(0) > 127)
      return "host names are ASCII: write an internationalized name in its punycode (`xn--…`) form";
    return `\`${bad}\` never occurs in a host name`;
  }
  if (normalized.startsWith(".")) return "a host name never starts with `.` (use `*.example.com` to match subdomains)";
  if (normalized.includes("..")) return "a host name never contains an empty label (`..`)";
  return null;
}

/**
 * `hostname-pattern-never-matches`: a `remote_sandbox_config` hostname pattern that no host name
 * can match, or an entry with no patterns at all. Such an entry never applies, so the hosts it was
 * written for silently keep the top-level `allowed_sandbox_modes`.
 */
export const hostnamePatternNeverMatches: Lint = ({ table }) => {
  const entries = table.remote_sandbox_config;
  if (!Array.isArray(entries)) return [];
  const findings: Finding[] = [];
  entries.forEach((entry, index) => {
    const patterns = isTable(entry) ? entry.hostname_patterns : undefined;
    if (!Array.isArray(patterns)) return;
    const base = ["remote_sandbox_config", index, "hostname_patterns"];
    if (patterns.length === 0) {
      findings.push({
        code: CODE,
        severity: "warning",
        message:
          'this entry has no hostname patterns, so it never applies and its `allowed_sandbox_modes` are ignored on every host. Add patterns such as "build-*.example.com".',
        path: base,
      });
    }
    patterns.forEach((pattern, patternIndex) => {
      const reason = typeof pattern === "string" ? neverMatchReason(pattern) : null;
      if (reason === null) return;
      findings.push({
        code: CODE,
        severity: "warning",
        message: `hostname pattern ${JSON.stringify(pattern)} can never match a valid host name: ${reason}. Hosts it was meant for keep the top-level \`allowed_sandbox_modes\`.`,
        path: [...base, patternIndex],
      });
    });
  });
  return findings;
};
