import type { ConfigLayerName } from "../config/config-layer.ts";
import type { HookEntry } from "../hooks/hook-entry.ts";

/** Where a fatal error points, when a file position is known. */
export interface ErrorLocation {
  file: string;
  line: number | null;
  column: number | null;
  keyPath: string | null;
}

/** The effective values Codex runs with, spelled as its app-server spells them. */
export interface EffectiveConfig {
  approvalPolicy: string | Record<string, unknown>;
  approvalsReviewer: string;
  sandboxMode: "read-only" | "workspace-write" | "danger-full-access" | "external-sandbox";
  webSearchMode: "disabled" | "cached" | "indexed" | "live";
  activePermissionProfile: { id: string; extends: string | null } | null;
  model: string | null;
  modelProvider: string;
  features: Record<string, boolean>;
  featuresChangedFromDefault: Record<string, boolean>;
  mcpServers: Record<string, { enabled: boolean; disabledReason: string | null }>;
  hooks: Array<Pick<HookEntry, "key" | "eventName" | "source" | "isManaged" | "trustStatus" | "currentHash">>;
}

/**
 * What the engine concludes for one set of inputs; structurally the `ExplainResultV1` wire type
 * (packages/protocol), which the CLI and server print as is.
 */
export interface ExplainReport {
  codexVersion: string;
  error: string | null;
  errorLocation: ErrorLocation | null;
  requirements: Record<string, unknown> | null;
  effective: EffectiveConfig | null;
  origins: Record<string, ConfigLayerName>;
  warnings: string[];
}
