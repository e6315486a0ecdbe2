/**
 * Codex's sandbox modes as written in TOML (`sandbox_mode`, `allowed_sandbox_modes`) and their Rust
 * `Debug` names used in constraint errors (`SandboxModeRequirement`, requirements-spec §3.1).
 */
export type SandboxMode = "read-only" | "workspace-write" | "danger-full-access" | "external-sandbox";

/** The modes accepted by `allowed_sandbox_modes` (config `sandbox_mode` accepts all but `external-sandbox`). */
export const SANDBOX_MODES: readonly SandboxMode[] = [
  "read-only",
  "workspace-write",
  "danger-full-access",
  "external-sandbox",
];

const DEBUG_NAMES: Record<SandboxMode, string> = {
  "read-only": "ReadOnly",
  "workspace-write": "WorkspaceWrite",
  "danger-full-access": "DangerFullAccess",
  "external-sandbox": "ExternalSandbox",
};

/** The Rust `Debug` rendering of a sandbox mode (`ReadOnly`, `WorkspaceWrite`, …). */
export function sandboxModeDebug(mode: SandboxMode): string {
  return DEBUG_NAMES[mode];
}

/** The Rust `Debug` rendering of a mode list, in the order given (`[ReadOnly, WorkspaceWrite]`). */
export function sandboxModeListDebug(modes: readonly SandboxMode[]): string {
  return `[${modes.map(sandboxModeDebug).join(", ")}]`;
}

/** Narrows a TOML value to a config `sandbox_mode` (`external-sandbox` is not accepted in config.toml). */
export function parseConfigSandboxMode(value: unknown): SandboxMode | null {
  return value === "read-only" || value === "workspace-write" || value === "danger-full-access" ? value : null;
}
