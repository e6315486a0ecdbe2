/**
 * The JSON document `warden explain --json` prints (and `POST /v1/simulate` returns): Codex's
 * effective configuration for one user on one host, with provenance, warnings and fatal errors.
 * Values are spelled the way Codex 0.169.0's app-server spells them.
 */
export interface ExplainResultV1 {
  codexVersion: string;
  /** Codex's fatal startup error (the root message Codex reports), or null when Codex starts. */
  error: string | null;
  /** Where the fatal error comes from, when a file position is known. */
  errorLocation: ExplainErrorLocationV1 | null;
  /** The composed requirements in the shape of the app-server's `configRequirements/read`. */
  requirements: Record<string, unknown> | null;
  /** The effective configuration, or null when Codex would not start. */
  effective: ExplainEffectiveV1 | null;
  /** Dotted config key → the layer that set it, as `config/read` names layers. */
  origins: Record<string, ConfigLayerNameV1>;
  /** The requirement and feature-pin warnings, verbatim as Codex prints them. */
  warnings: string[];
}

/** A file position for a fatal error. */
export interface ExplainErrorLocationV1 {
  file: string;
  line: number | null;
  column: number | null;
  keyPath: string | null;
}

/** A config layer name, as the app-server spells it. */
export type ConfigLayerNameV1 = { type: string } & Record<string, string | null>;

/** The effective values Codex runs with. */
export interface ExplainEffectiveV1 {
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
  hooks: ExplainHookV1[];
}

/** One hook as `hooks/list` reports it. */
export interface ExplainHookV1 {
  key: string;
  eventName: string;
  source: string;
  isManaged: boolean;
  trustStatus: string;
  currentHash: string;
}
