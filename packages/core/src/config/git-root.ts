import type { FileSystemPort } from "../ports/file-system-port.ts";
import {
  ancestorsOf,
  baseName,
  isAbsolutePath,
  joinPath,
  normalizePathLexically,
  type PathFlavor,
  parentPath,
} from "./config-path.ts";

/**
 * `find_project_root` (loader/mod.rs): the nearest ancestor of `cwd` (itself first) containing any
 * of `markers`; `cwd` itself when none does or the list is empty (probed: `project_root_markers = []`
 * makes the cwd the root; `[".hg"]` stops at the directory holding `.hg`).
 */
export function findProjectRoot(fs: FileSystemPort, flavor: PathFlavor, cwd: string, markers: readonly string[]) {
  if (markers.length === 0) return cwd;
  for (const ancestor of ancestorsOf(flavor, cwd)) {
    if (markers.some((marker) => isMarker(fs, joinPath(flavor, ancestor, marker)))) return ancestor;
  }
  return cwd;
}

/**
 * A marker counts when it exists and is not an empty directory: Codex's sandbox leaves empty
 * placeholder directories such as `/tmp/.git` behind (its bwrap mount targets), and 0.169.0
 * ignores them (probed: an empty `.git` directory is not a project root; one holding `HEAD`,
 * or a `.git` file, is).
 */
function isMarker(fs: FileSystemPort, path: string): boolean {
  return fs.exists(path) && !fs.isEmptyDirectory(path);
}

// The nearest ancestor holding a `.git` entry (directory or file), starting at cwd (or its parent when cwd is no directory).
function findGitEntry(fs: FileSystemPort, flavor: PathFlavor, cwd: string): { root: string; dotGit: string } | null {
  const base = fs.isDirectory(cwd) ? cwd : parentPath(flavor, cwd);
  if (base === null) return null;
  for (const dir of ancestorsOf(flavor, base)) {
    const dotGit = joinPath(flavor, dir, ".git");
    if (isMarker(fs, dotGit)) return { root: dir, dotGit };
  }
  return null;
}

/** `find_git_checkout_root`: the working-tree root holding `.git` (a linked worktree's own root). */
export function findGitCheckoutRoot(fs: FileSystemPort, flavor: PathFlavor, cwd: string): string | null {
  return findGitEntry(fs, flavor, cwd)?.root ?? null;
}

/**
 * `resolve_root_git_project_for_trust` (git-utils): a regular checkout resolves to its root; a
 * linked worktree (`.git` file `gitdir: <main>/.git/worktrees/<name>`) resolves to the main
 * checkout (probed: trust on the main checkout enables a worktree's `.codex`). Anything else: null.
 */
export function resolveRootGitProjectForTrust(fs: FileSystemPort, flavor: PathFlavor, cwd: string): string | null {
  const entry = findGitEntry(fs, flavor, cwd);
  if (entry === null) return null;
  if (fs.isDirectory(entry.dotGit)) return entry.root;
  const read = fs.readText(entry.dotGit);
  if (read.kind !== "ok") return null;
  const pointer = read.text.trim();
  if (!pointer.startsWith("gitdir:")) return null;
  const target = pointer.slice("gitdir:".length).trim();
  if (target === "") return null;
  const gitDir = normalizePathLexically(
    flavor,
    isAbsolutePath(flavor, target) ? target : joinPath(flavor, entry.root, target),
  );
  const worktrees = parentPath(flavor, gitDir);
  if (worktrees === null || baseName(flavor, worktrees) !== "worktrees") return null;
  const commonDir = parentPath(flavor, worktrees);
  return commonDir === null ? null : parentPath(flavor, commonDir);
}
