import { isTable } from "../../toml/toml-value.ts";
import type { Lint } from "./lint.ts";

/**
 * `sandbox-modes-without-read-only`: a `[[remote_sandbox_config]]` entry whose
 * `allowed_sandbox_modes` lacks `read-only`. On a host its patterns match, the list replaces the
 * top-level one and Codex then refuses to start: `read-only` is the fallback and must be allowed
 * (requirements-spec §1.1, §2.4, stack test 46). The top-level list is checked as an error.
 */
export const remoteSandboxWithoutReadOnly: Lint = ({ table }) => {
  const entries = table.remote_sandbox_config;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry, index) => {
    const modes = isTable(entry) ? entry.allowed_sandbox_modes : undefined;
    if (!Array.isArray(modes) || modes.includes("read-only")) return [];
    return [
      {
        code: "sandbox-modes-without-read-only",
        severity: "warning" as const,
        message:
          "on every host this entry matches, Codex refuses to start: its list replaces the top-level `allowed_sandbox_modes`, and the list must include 'read-only' (the fallback sandbox). Add \"read-only\" to the list.",
        path: ["remote_sandbox_config", index, "allowed_sandbox_modes"],
      },
    ];
  });
};
