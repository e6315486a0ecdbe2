import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { RepoInfo } from "@warden/core/hook-runtime";

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** The nearest ancestor of `cwd` (itself first) holding a `.git` directory or file, with its git dir. */
function findGitDir(cwd: string): { root: string; gitDir: string } | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    let isDirectory: boolean | null = null;
    try {
      isDirectory = statSync(dotGit).isDirectory();
    } catch {
      isDirectory = null;
    }
    // An empty `.git` is a sandbox mount placeholder (Codex's bwrap leaves `/tmp/.git`), not a repo.
    if (isDirectory === true && readText(join(dotGit, "HEAD")) !== null) return { root: dir, gitDir: dotGit };
    if (isDirectory === false) {
      // A worktree or submodule: `.git` is a file saying `gitdir: <path>`.
      const pointer = readText(dotGit)?.match(/^gitdir:\s*(.+?)\s*$/m)?.[1];
      if (pointer) return { root: dir, gitDir: isAbsolute(pointer) ? pointer : resolve(dir, pointer) };
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The `url` of `[remote "origin"]` in a git config text (git's own syntax, no subprocess). */
export function originUrl(configText: string): string | null {
  let inOrigin = false;
  for (const rawLine of configText.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.startsWith("[")) {
      inOrigin = /^\[\s*remote\s+"origin"\s*\]/.test(line);
      continue;
    }
    if (!inOrigin) continue;
    const match = /^url\s*=\s*(.*?)\s*$/.exec(line);
    if (match) return match[1]!.replace(/^"(.*)"$/, "$1");
  }
  return null;
}

/** Drops credentials from a remote URL (`https://user:token@host/…` → `https://host/…`). */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

/**
 * The git repository `cwd` is in, read straight from `.git` (a `git` subprocess costs more than
 * the whole hook budget): the root, `origin`'s URL without credentials, and the branch (null when
 * HEAD is detached). Linked worktrees read their config from the common git dir.
 */
export function detectRepo(cwd: string): RepoInfo | null {
  const found = findGitDir(cwd);
  if (found === null) return null;
  const head = readText(join(found.gitDir, "HEAD"));
  const branch = head?.match(/^ref:\s*refs\/heads\/(.+?)\s*$/m)?.[1] ?? null;
  const common = readText(join(found.gitDir, "commondir"))?.trim();
  const commonDir = common ? resolve(found.gitDir, common) : found.gitDir;
  const config = readText(join(commonDir, "config"));
  const url = config === null ? null : originUrl(config);
  return { root: found.root, remoteUrl: url === null ? null : stripCredentials(url), branch };
}
