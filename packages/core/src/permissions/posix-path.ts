/**
 * Lexical POSIX path helpers mirroring Codex's `AbsolutePathBuf` resolution (no file-system access):
 * `~` / `~/…` expand to the home directory, relative paths resolve against a base directory, and
 * `.` / `..` / repeated separators are removed lexically. Windows paths are not modelled.
 */

/** Removes `.`, empty segments and `..` (never above `/`) from an absolute POSIX path. */
export function normalizePosixPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return `/${out.join("/")}`;
}

/** Resolves a config path the way `AbsolutePathBuf` deserialization does: `~` expansion, then against `baseDir`. */
export function resolveConfigPath(path: string, baseDir: string, homeDir: string): string {
  if (path === "~") return normalizePosixPath(homeDir);
  if (path.startsWith("~/")) return normalizePosixPath(`${homeDir}/${path.slice(2)}`);
  if (path.startsWith("/")) return normalizePosixPath(path);
  return normalizePosixPath(`${baseDir}/${path}`);
}

/** True when `ancestor` equals `path` or is one of its parent directories (both normalized, absolute). */
export function isSameOrAncestor(ancestor: string, path: string): boolean {
  if (ancestor === path || ancestor === "/") return true;
  return path.startsWith(`${ancestor}/`);
}

/** Joins an absolute base and a relative subpath, normalizing the result. */
export function joinPosixPath(base: string, subpath: string): string {
  return normalizePosixPath(`${base}/${subpath}`);
}
