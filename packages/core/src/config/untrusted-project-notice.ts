import type { ConfigLayer } from "./config-layer.ts";

/** Which Codex surface prints the notice: they word it differently (probed on 0.169.0). */
export type NoticeSurface = "app-server" | "exec";

/** `codex exec`'s `warning:` line when any project layer is disabled (probed). */
export const EXEC_UNTRUSTED_PROJECT_WARNING =
  "Untrusted project-local configuration is disabled. Run `codex exec --trust` to allow project configuration and MCP servers for this and future chats in the project, including MCP commands outside the sandbox. Explicitly untrusted projects must have their trust setting updated first.";

/**
 * The startup notice for disabled (untrusted) project layers, or null when none is disabled.
 * app-server (`configWarning.summary`) lists each folder, root first, with its `disabledReason`;
 * exec prints one fixed line.
 */
export function untrustedProjectNotice(layers: readonly ConfigLayer[], surface: NoticeSurface): string | null {
  const disabled = layers.filter((layer) => layer.name.type === "project" && layer.disabledReason !== null);
  if (disabled.length === 0) return null;
  if (surface === "exec") return EXEC_UNTRUSTED_PROJECT_WARNING;
  const items = disabled.map((layer, index) => {
    const folder = layer.name.type === "project" ? layer.name.dotCodexFolder : "";
    return `    ${index + 1}. ${folder}\n       ${layer.disabledReason}\n`;
  });
  return `Project-local config, hooks, and exec policies are disabled in the following folders until the project is trusted, but skills still load.\n${items.join("")}`;
}
