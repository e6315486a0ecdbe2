/**
 * Lexical path helpers for the config loader, in the target platform's flavor (no file-system
 * access). POSIX paths are exact; Windows paths are handled for drive-letter roots (`C:\`) and
 * both separators, which is all the loader needs (join, parent, ancestors, `~` and `..`).
 */

/** Which path syntax the simulated Codex uses. */
export type PathFlavor = "posix" | "windows";

/** The path flavor of a Codex platform. */
export function pathFlavorOf(platform: "linux" | "macos" | "windows"): PathFlavor {
  return platform === "windows" ? "windows" : "posix";
}

function separator(flavor: PathFlavor): string {
  return flavor === "windows" ? "\\" : "/";
}

// The root prefix of an absolute path (`/`, `C:\`, `\\`), or null for a relative path.
function rootOf(flavor: PathFlavor, path: string): string | null {
  if (flavor === "posix") return path.startsWith("/") ? "/" : null;
  const drive = /^[A-Za-z]:[\\/]/.exec(path);
  if (drive) return `${drive[0].slice(0, 2)}\\`;
  if (path.startsWith("\\\\") || path.startsWith("//")) return "\\\\";
  return null;
}

function segmentsOf(flavor: PathFlavor, rest: string): string[] {
  return rest.split(flavor === "windows" ? /[\\/]/ : /\//).filter((segment) => segment !== "");
}

/** True for an absolute path in the given flavor. */
export function isAbsolutePath(flavor: PathFlavor, path: string): boolean {
  return rootOf(flavor, path) !== null;
}

/** Removes `.`, `..` and repeated separators lexically (`..` never climbs above the root), like `path-absolutize`. */
export function normalizePathLexically(flavor: PathFlavor, path: string): string {
  const root = rootOf(flavor, path) ?? "";
  const out: string[] = [];
  for (const segment of segmentsOf(flavor, path.slice(root.length))) {
    if (segment === ".") continue;
    if (segment === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (root === "") out.push(segment);
    } else out.push(segment);
  }
  return root + out.join(separator(flavor));
}

/** Joins path segments with the flavor's separator (an absolute segment restarts the path, like `Path::join`). */
export function joinPath(flavor: PathFlavor, base: string, ...segments: string[]): string {
  let out = base;
  for (const segment of segments) {
    if (isAbsolutePath(flavor, segment)) out = segment;
    else if (out === "" || out.endsWith("/") || (flavor === "windows" && out.endsWith("\\"))) out += segment;
    else out += separator(flavor) + segment;
  }
  return out;
}

/** The parent directory (`Path::parent`), or null at the root. */
export function parentPath(flavor: PathFlavor, path: string): string | null {
  const root = rootOf(flavor, path) ?? "";
  const segments = segmentsOf(flavor, path.slice(root.length));
  if (segments.length === 0) return null;
  const parent = root + segments.slice(0, -1).join(separator(flavor));
  return parent === "" ? null : parent;
}

/** The path itself followed by each of its ancestors up to the root (`Path::ancestors`). */
export function ancestorsOf(flavor: PathFlavor, path: string): string[] {
  const out: string[] = [];
  for (let current: string | null = path; current !== null; current = parentPath(flavor, current)) out.push(current);
  return out;
}

/** The last path segment (`Path::file_name`), or null for a root. */
export function baseName(flavor: PathFlavor, path: string): string | null {
  const root = rootOf(flavor, path) ?? "";
  const segments = segmentsOf(flavor, path.slice(root.length));
  return segments[segments.length - 1] ?? null;
}

/**
 * Resolves a config path the way `AbsolutePathBuf` deserialization does (probed: `~` and `~/x`
 * expand to the home directory, `~x/y` is relative, `a/../b/./c` normalizes lexically).
 */
export function resolveAbsolutePathBuf(flavor: PathFlavor, value: string, baseDir: string, homeDir: string | null) {
  if (homeDir !== null && value === "~") return normalizePathLexically(flavor, homeDir);
  if (homeDir !== null && (value.startsWith("~/") || (flavor === "windows" && value.startsWith("~\\")))) {
    return normalizePathLexically(flavor, joinPath(flavor, homeDir, value.slice(2)));
  }
  return normalizePathLexically(flavor, joinPath(flavor, baseDir, value));
}
