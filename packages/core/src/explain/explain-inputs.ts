import type { FileSystemPort } from "../ports/file-system-port.ts";

/** The Codex versions Warden models; each has its own rules where Codex changed. */
export const SUPPORTED_CODEX_VERSIONS = ["0.169.0"] as const;

/** A Codex version Warden can simulate. */
export type CodexVersion = (typeof SUPPORTED_CODEX_VERSIONS)[number];

/** The operating system Codex runs on: decides the managed hooks directory key and MDM support. */
export type Platform = "linux" | "macos" | "windows";

/** One cloud (enterprise-managed) requirements fragment as Codex's config bundle delivers it. */
export interface CloudFragment {
  id: string;
  name: string;
  contents: string;
}

/** Everything that decides what Codex does on one machine for one user in one directory. */
export interface ExplainInputs {
  codexVersion: CodexVersion;
  /** Where the managed files are read from (stands in for `/etc/codex`). */
  etcDir: string;
  /** How Codex names that directory in its messages (always `/etc/codex` on Unix). */
  etcDisplayDir: string;
  codexHome: string;
  /** The user's home directory, for `~` in paths. */
  homeDir: string;
  cwd: string;
  profile: string | null;
  overrides: string[];
  enable: string[];
  disable: string[];
  hostname: string | null;
  platform: Platform;
  mdm: { requirementsTomlBase64: string | null; configTomlBase64: string | null } | null;
  /** Cloud requirement fragments, highest priority first (the bundle's order). */
  cloudRequirements: CloudFragment[];
  /** The environment variables Codex consults while loading config (`CODEX_SQLITE_HOME`). */
  env: Readonly<Record<string, string | undefined>>;
}

/** The ports the engine reads through; the CLI supplies real ones. */
export interface ExplainPorts {
  fs: FileSystemPort;
  /** Codex's exact text for a TOML document that does not parse, or null when it parses. */
  rustTomlSyntaxError: (text: string) => Promise<string | null>;
}
