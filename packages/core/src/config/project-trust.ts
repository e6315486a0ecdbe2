import type { FileSystemPort } from "../ports/file-system-port.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import type { PathFlavor } from "./config-path.ts";
import { findGitCheckoutRoot, findProjectRoot, resolveRootGitProjectForTrust } from "./git-root.ts";

/** A `[projects."<path>"] trust_level` value. */
export type TrustLevel = "trusted" | "untrusted";

/** Everything the loader needs to decide whether a project `.codex` folder is trusted (`ProjectTrustContext`). */
export interface ProjectTrustContext {
  readonly flavor: PathFlavor;
  readonly projectRoot: string;
  readonly projectRootKeys: readonly string[];
  readonly checkoutRoot: string | null;
  readonly repoRoot: string | null;
  readonly repoRootKeys: readonly string[] | null;
  readonly projectsTrust: ReadonlyMap<string, TrustLevel>;
  readonly userConfigFile: string;
}

/** The trust found for one directory and the `[projects]` key it was found under (or would be written under). */
export interface ProjectTrustDecision {
  readonly trustLevel: TrustLevel | null;
  readonly trustKey: string;
}

/**
 * `normalized_project_trust_keys`: the canonical path (symlinks resolved), then the path as given
 * when it differs; lower-cased on Windows (probed: a trust entry for a symlinked checkout's raw
 * path trusts it, and messages name the canonical path).
 */
export function projectTrustKeys(fs: FileSystemPort, flavor: PathFlavor, path: string): string[] {
  const normalize = (key: string) => (flavor === "windows" ? key.toLowerCase() : key);
  const raw = normalize(path);
  const canonical = normalize(fs.realpath(path) ?? path);
  return raw === canonical ? [canonical] : [canonical, raw];
}

/**
 * Builds the trust context from the config merged so far (system, cloud, user, profile, `-c`,
 * legacy managed config; probed: a managed-config trust entry and `project_root_markers` count).
 * `[projects]` must already have passed `checkProjectsTable`.
 */
export function buildProjectTrustContext(
  fs: FileSystemPort,
  flavor: PathFlavor,
  merged: TomlTable,
  cwd: string,
  markers: readonly string[],
  userConfigFile: string,
): ProjectTrustContext {
  const projectRoot = findProjectRoot(fs, flavor, cwd, markers);
  const repoRoot = resolveRootGitProjectForTrust(fs, flavor, cwd);
  const projectsTrust = new Map<string, TrustLevel>();
  const projects = merged.projects;
  if (isTable(projects)) {
    for (const [key, project] of Object.entries(projects)) {
      const level = isTable(project) ? project.trust_level : undefined;
      if (level === "trusted" || level === "untrusted") projectsTrust.set(key, level);
    }
  }
  return {
    flavor,
    projectRoot,
    projectRootKeys: projectTrustKeys(fs, flavor, projectRoot),
    checkoutRoot: findGitCheckoutRoot(fs, flavor, cwd),
    repoRoot,
    repoRootKeys: repoRoot === null ? null : projectTrustKeys(fs, flavor, repoRoot),
    projectsTrust,
    userConfigFile,
  };
}

// `project_trust_for_lookup_key`: exact key, else the smallest key that normalizes to it (Windows case).
function lookup(context: ProjectTrustContext, key: string): ProjectTrustDecision | null {
  const exact = context.projectsTrust.get(key);
  if (exact !== undefined) return { trustLevel: exact, trustKey: key };
  if (context.flavor !== "windows") return null;
  const matches = [...context.projectsTrust.keys()].filter((candidate) => candidate.toLowerCase() === key).sort();
  const first = matches[0];
  return first === undefined ? null : { trustLevel: context.projectsTrust.get(first) ?? null, trustKey: first };
}

/**
 * `decision_for_dir`: the directory's own keys, then the project root's, then the git repo
 * root's; untrusted-by-default otherwise, keyed by the repo root (else the project root). Probed:
 * a trust entry for the cwd does not trust a `.codex` folder above it.
 */
export function decideProjectTrust(
  fs: FileSystemPort,
  context: ProjectTrustContext,
  dir: string,
): ProjectTrustDecision {
  const candidates = [
    ...projectTrustKeys(fs, context.flavor, dir),
    ...context.projectRootKeys,
    ...(context.repoRootKeys ?? []),
  ];
  for (const key of candidates) {
    const found = lookup(context, key);
    if (found) return found;
  }
  return { trustLevel: null, trustKey: context.repoRootKeys?.[0] ?? (context.projectRootKeys[0] as string) };
}

/**
 * The `disabledReason` of an untrusted project layer, exactly as 0.169.0 words it (probed via
 * `config/read`; the explicitly-untrusted text differs from the stored sources).
 */
export function projectDisabledReason(context: ProjectTrustContext, decision: ProjectTrustDecision): string | null {
  const gated = "project-local config, hooks, and exec policies";
  if (decision.trustLevel === "trusted") return null;
  if (decision.trustLevel === "untrusted") {
    return `${decision.trustKey} is marked as untrusted in the effective configuration. To load ${gated}, update its trust setting. If that setting is managed by your organization, contact your administrator.`;
  }
  return `To load ${gated}, add ${decision.trustKey} as a trusted project in ${context.userConfigFile}.`;
}

/** `ConfigToml::get_active_project`: the trust entry for the cwd (its keys), else for the git repo root. */
export function activeProjectTrust(fs: FileSystemPort, context: ProjectTrustContext, cwd: string): TrustLevel | null {
  for (const key of [...projectTrustKeys(fs, context.flavor, cwd), ...(context.repoRootKeys ?? [])]) {
    const found = lookup(context, key);
    if (found) return found.trustLevel;
  }
  return null;
}
