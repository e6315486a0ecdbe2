import type { PreparedGlob } from "./prepare-hook-policy.ts";

/** A path a call touches, in the three forms globs are matched against (null where it does not apply). */
export interface TouchedPath {
  readonly absolute: string | null;
  readonly home: string | null;
  readonly workspace: string | null;
}

// Anything normalization would change: `//`, `/./`, `/../`, a trailing `/`, `/.` or `/..`.
const NEEDS_NORMALIZING = /\/\/|\/\.{1,2}(?:\/|$)|.\/$/;

/** Normalizes an absolute path: collapses `//`, `.` and `..` (never above `/`) and drops a trailing `/`. */
export function normalizeAbsolute(path: string): string {
  if (path.startsWith("/") && !NEEDS_NORMALIZING.test(path)) return path;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return `/${out.join("/")}`;
}

/** The path relative to `base` (both normalized), "" for the base itself, null when outside it. */
export function relativeTo(base: string | null, absolute: string): string | null {
  if (base === null) return null;
  if (absolute === base) return "";
  if (base === "/") return absolute.slice(1);
  return absolute.length > base.length && absolute.startsWith(base) && absolute.charCodeAt(base.length) === 47
    ? absolute.slice(base.length + 1)
    : null;
}

/**
 * Resolves a path as a command wrote it: `~` and `~/…` against `home` (kept home-relative even
 * when home is unknown), relative paths against `cwd`. `home` and `workspaceRoot` must already be
 * normalized; the workspace form is relative to `workspaceRoot`.
 */
export function touchedPath(raw: string, cwd: string, home: string | null, workspaceRoot: string): TouchedPath {
  let absolute: string | null;
  let homeRelative: string | null = null;
  if (raw === "~" || raw.startsWith("~/")) {
    homeRelative = normalizeAbsolute(raw.slice(1)).slice(1);
    absolute =
      home === null ? null : homeRelative === "" ? home : home === "/" ? `/${homeRelative}` : `${home}/${homeRelative}`;
  } else {
    absolute = normalizeAbsolute(raw.startsWith("/") ? raw : `${cwd}/${raw}`);
    homeRelative = relativeTo(home, absolute);
  }
  const workspace = absolute === null ? null : relativeTo(workspaceRoot, absolute);
  return { absolute, home: homeRelative, workspace };
}

/** True when the path matches the glob in the form the glob's base names. */
export function globMatches(glob: PreparedGlob, path: TouchedPath): boolean {
  const subject = glob.base === "absolute" ? path.absolute : glob.base === "home" ? path.home : path.workspace;
  return subject !== null && (glob.literal === "" || subject.includes(glob.literal)) && glob.regex.test(subject);
}

/** True when any of the globs matches any of the paths. */
export function anyGlobMatches(globs: readonly PreparedGlob[], paths: readonly TouchedPath[]): boolean {
  for (const path of paths) {
    for (const glob of globs) if (globMatches(glob, path)) return true;
  }
  return false;
}

/** The longest run of literal characters every match of the glob contains (a cheap prefilter). */
export function requiredLiteral(glob: string): string {
  let best = "";
  let run = "";
  let inClass = false;
  for (let i = glob.startsWith("~") ? 1 : 0; i <= glob.length; i++) {
    const c = glob[i];
    const literal = c !== undefined && !inClass && !"*?[]{}/\\".includes(c);
    if (literal) {
      run += c;
      continue;
    }
    if (run.length > best.length) best = run;
    run = "";
    if (c === "[" && !inClass) {
      inClass = true;
      if (glob[i + 1] === "!" || glob[i + 1] === "^") i++;
      if (glob[i + 1] === "]") i++;
    } else if (c === "]" && inClass) inClass = false;
    else if (c === "\\") i++;
  }
  return best;
}
