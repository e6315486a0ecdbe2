/**
 * Path rendering for `configRequirements/read` (POSIX hosts; observed on 0.169.0 Linux).
 *
 * Codex turns path-valued requirements into `AbsolutePathBuf`s: `~`/`~/…` is expanded with
 * `$HOME`, a relative path is joined to the requirements file's directory, and `.`/`..`/empty
 * segments are removed lexically (no symlink resolution; `..` stops at `/`).
 */

/** Expands a leading `~` or `~/` (not `~user`) with `homeDir`; other paths are returned as is. */
export function expandHome(path: string, homeDir: string | undefined): string {
  if (homeDir === undefined) return path;
  if (path === "~") return homeDir;
  if (path.startsWith("~/")) return `${homeDir}${path.slice(1)}`;
  return path;
}

/** Makes `path` absolute against `baseDir` (after `~` expansion) and normalizes it lexically. */
export function resolveCodexPath(path: string, baseDir: string, homeDir: string | undefined): string {
  const expanded = expandHome(path, homeDir);
  return normalizeAbsolutePath(expanded.startsWith("/") ? expanded : `${baseDir}/${expanded}`);
}

/** Removes empty, `.` and `..` segments of an absolute POSIX path; never ends in `/` except root. */
export function normalizeAbsolutePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join("/")}`;
}

// url::Url::from_file_path percent-encodes with the special-path-segment set: C0 controls,
// DEL, space, `"`, `#`, `%`, `<`, `>`, `?`, backquote, `{`, `}`, `\` and every non-ASCII byte.
const ENCODED_ASCII = new Set([...' "#%<>?`{}\\'].map((c) => c.charCodeAt(0)));

/** The `file://` URL Codex prints for an absolute, normalized path (`/a b` → `file:///a%20b`). */
export function toFileUrl(absolutePath: string): string {
  let out = "file://";
  for (const byte of new TextEncoder().encode(absolutePath)) {
    const encode = byte < 0x20 || byte >= 0x7f || ENCODED_ASCII.has(byte);
    out += encode ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(byte);
  }
  return out;
}
