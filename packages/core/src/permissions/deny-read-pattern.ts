import { normalizePosixPath, resolveConfigPath } from "./posix-path.ts";

/** Where relative `deny_read` entries resolve and what `~` means (requirements-spec §1.2). */
export interface DenyReadBase {
  /** Directory of the requirements file (`/etc/codex` for the system layer; `$CODEX_HOME` for cloud/MDM). */
  baseDir: string;
  /** The user's home directory, for `~` and `~/…`. */
  homeDir: string;
}

// `FilesystemDenyReadPattern::is_glob_metacharacter` (config_requirements.rs): `]` alone is not a glob.
const DENY_READ_GLOB = /[*?[]/;

/** True when a `deny_read` entry is a glob (`*`, `?` or `[`), which Codex keeps as a `GlobPattern` entry. */
export function isDenyReadGlob(pattern: string): boolean {
  return DENY_READ_GLOB.test(pattern);
}

/**
 * Resolves one `[permissions.filesystem] deny_read` entry to the absolute string Codex stores
 * (`FilesystemDenyReadPattern::from_input`, requirements-spec §1.2): a plain path is absolutized
 * (`~` expanded, relative against `baseDir`, `.`/`..` removed); a glob is split at the last `/`
 * before its first metacharacter, the prefix absolutized (`.` when empty) and the suffix re-joined.
 */
export function resolveDenyReadPattern(input: string, base: DenyReadBase): string {
  const firstGlob = input.search(DENY_READ_GLOB);
  if (firstGlob < 0) return resolveConfigPath(input, base.baseDir, base.homeDir);
  const separator = input.lastIndexOf("/", firstGlob);
  let prefix: string;
  let suffix: string;
  if (separator === 0) {
    prefix = "/";
    suffix = input.slice(1);
  } else if (separator > 0) {
    prefix = input.slice(0, separator);
    suffix = input.slice(separator + 1);
  } else {
    prefix = "";
    suffix = input;
  }
  const resolvedPrefix = resolveConfigPath(prefix === "" ? "." : prefix, base.baseDir, base.homeDir);
  return resolvedPrefix === "/" ? `/${suffix}` : `${normalizePosixPath(resolvedPrefix)}/${suffix}`;
}

/** Resolves a whole `deny_read` list, dropping duplicates the way Codex's policy entries do (first wins). */
export function resolveDenyReadPatterns(inputs: readonly string[], base: DenyReadBase): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const resolved = resolveDenyReadPattern(input, base);
    if (!out.includes(resolved)) out.push(resolved);
  }
  return out;
}
