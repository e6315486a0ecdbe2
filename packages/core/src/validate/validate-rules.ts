import type { Severity } from "../diagnostics/diagnostic.ts";

/** One diagnostic code `warden validate` can report: its default severity and a one-line summary. */
export interface ValidateRule {
  readonly severity: Severity;
  readonly summary: string;
}

/**
 * Every code `warden validate` reports (README.md has the long form). Errors are what makes Codex
 * 0.169.0 refuse the file; warnings are lints. The codes are stable: tools and SARIF consumers key on them.
 */
export const VALIDATE_RULES: Readonly<Record<string, ValidateRule>> = {
  "input-rejected": { severity: "error", summary: "The file is missing, a directory, too large, binary or not UTF-8." },
  "input-unreadable": { severity: "error", summary: "The file exists but cannot be read." },
  "toml-syntax": { severity: "error", summary: "TOML syntax error: Codex refuses the file." },
  "requirements-type": { severity: "error", summary: "A requirements value has the wrong type or an unknown variant." },
  "requirements-constraint": {
    severity: "error",
    summary: "Codex rejects the requirement: an empty allow-list, no read-only sandbox, a bad regex or model slug.",
  },
  "requirements-rules": {
    severity: "error",
    summary: "A [rules] prefix rule Codex cannot convert (includes decision = allow).",
  },
  "requirements-permissions": { severity: "error", summary: "Permission-profile requirements Codex rejects." },
  "requirements-features": { severity: "error", summary: "Feature pins that contradict each other's dependencies." },
  "requirements-hooks": { severity: "error", summary: "A managed hook Codex cannot load; every session start fails." },
  "managed-config-type": { severity: "error", summary: "managed_config.toml legacy key with a wrong type or value." },
  "config-type": { severity: "error", summary: "A config.toml value has the wrong type or an unknown variant." },
  "config-unsupported": { severity: "error", summary: "A config.toml setting Codex 0.169.0 refuses to start with." },
  "unknown-key": { severity: "warning", summary: "A key Codex ignores (likely a typo): the setting has no effect." },
  "toml-1.1-syntax": { severity: "warning", summary: "TOML 1.1-only syntax that older Codex releases reject." },
  "empty-mcp-allow-list": {
    severity: "warning",
    summary: "An empty [mcp_servers] allow-list disables every MCP server.",
  },
  "sandbox-modes-without-read-only": {
    severity: "warning",
    summary: "A remote_sandbox_config entry without read-only makes Codex refuse to start on matching hosts.",
  },
  "hostname-pattern-never-matches": {
    severity: "warning",
    summary: "A remote_sandbox_config hostname pattern no valid host name can match.",
  },
  "relative-hook-command": { severity: "warning", summary: "A managed hook command that is not an absolute path." },
  "relative-managed-dir": { severity: "warning", summary: "A relative hooks managed_dir, which Codex ignores." },
  "live-web-search-allowed": { severity: "warning", summary: "allowed_web_search_modes allows live web access." },
  "undefined-permission-profile": {
    severity: "warning",
    summary: "allowed_permission_profiles names a profile this file does not define.",
  },
  "managed-profile-without-default": {
    severity: "warning",
    summary: "Managed permission profiles without default_permissions make Codex refuse to start for most users.",
  },
  "ignored-feature-requirement": { severity: "warning", summary: "A feature pin Codex ignores (unknown or removed)." },
  "legacy-feature-requirement": { severity: "warning", summary: "A feature pin under a legacy alias." },
  "managed-hook-warning": { severity: "warning", summary: "Codex's own warning about a managed hook." },
  "managed-config-loosens-requirements": {
    severity: "warning",
    summary: "managed_config.toml allows a value requirements.toml forbids (it replaces the allow-list).",
  },
};
