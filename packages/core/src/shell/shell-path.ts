/**
 * Lexical path arithmetic for paths as a script writes them: absolute, `~/…` (kept as `~`), or
 * relative to a directory that may itself be relative or unknown. No file-system access.
 */
import { normalizePosixPath } from "../permissions/posix-path.ts";

const ALREADY_NORMAL = /^(?:\/[^/.][^/]*|\/\.[^/.][^/]*|\/\.\.[^/]+)+$/;

/** True for a path that does not depend on the working directory (`/x`, `~`, `~/x`, `~user/x`). */
export function isRootedPath(path: string): boolean {
  return path.startsWith("/") || path.startsWith("~");
}

/** Removes `.`, `..` and repeated separators; relative paths keep their leading `..` (`.` for none). */
export function normalizeShellPath(path: string): string {
  // Most paths are already normal; skip the split.
  if (path.startsWith("/")) return ALREADY_NORMAL.test(path) ? path : normalizePosixPath(path);
  if (path === "~" || path.startsWith("~/")) {
    const rest = normalizePosixPath(path.slice(1));
    return rest === "/" ? "~" : `~${rest}`;
  }
  if (path.startsWith("~")) return path;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(segment);
  }
  return out.length === 0 ? "." : out.join("/");
}

/** `path` seen from directory `base` (null: unknown, so only rooted paths resolve). */
export function joinShellPath(base: string | null, path: string): string | null {
  if (isRootedPath(path)) return normalizeShellPath(path);
  if (base === null) return null;
  return normalizeShellPath(base === "" || base === "." ? path : `${base}/${path}`);
}

const HOME_PREFIX = /^(?:\$HOME|\$\{HOME\})(?=\/|$)/;

/**
 * Absolute form of a path operand for a command running in `workdir` (relative to `cwd`); paths that
 * cannot be resolved (under an unknown directory, or starting with an expansion) are returned as written.
 */
export function resolveOperand(path: string, cwd: string, workdir: string | null): string {
  const written = path.replace(HOME_PREFIX, "~");
  if (written.startsWith("$")) return written;
  const dir = workdir === null ? null : joinShellPath(cwd, workdir);
  return joinShellPath(dir, written) ?? written;
}
