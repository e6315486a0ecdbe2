import type { TomlTable, TomlValue } from "../toml/toml-value.ts";

/**
 * Normalizes a hostname or pattern the way Codex does before matching `remote_sandbox_config`
 * (requirements-spec §2.4): trimmed, trailing dots removed, ASCII-lowercased.
 */
export function normalizeHostname(name: string): string {
  return name
    .trim()
    .replace(/\.+$/, "")
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Whole-string, case-insensitive glob match where `*` is any run (dots included) and `?` one character. */
export function hostnameMatchesPattern(hostname: string, pattern: string): boolean {
  const normalized = normalizeHostname(pattern);
  if (normalized === "") return false;
  const source = [...normalized]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "su").test(normalizeHostname(hostname));
}

/**
 * Applies a layer's `remote_sandbox_config` (§2.4): the first entry with a matching pattern
 * replaces the layer's `allowed_sandbox_modes`; the key is then removed. Without a hostname
 * nothing matches. Mutates `layer`.
 */
export function applyRemoteSandboxConfig(layer: TomlTable, hostname: string | null): void {
  const entries = layer.remote_sandbox_config;
  if (entries === undefined) return;
  delete layer.remote_sandbox_config;
  if (hostname === null || !Array.isArray(entries)) return;
  for (const entry of entries as TomlValue[]) {
    const { hostname_patterns: patterns, allowed_sandbox_modes: modes } = entry as TomlTable;
    const list = Array.isArray(patterns) ? (patterns as TomlValue[]) : [];
    if (list.some((p) => typeof p === "string" && hostnameMatchesPattern(hostname, p))) {
      if (modes !== undefined) layer.allowed_sandbox_modes = modes;
      return;
    }
  }
}
