import type { PathGlobV1 } from "./compiled-hook-policy.ts";
import { escapeRegex } from "./policy-regex.ts";

/** A glob compiled for matching, or why it is malformed. One glob with `{a,b}` may give several. */
export type PathGlobCompile = { ok: true; globs: PathGlobV1[] } | { ok: false; message: string };

/** Most globs one `{…}` expansion may produce. */
const MAX_EXPANSIONS = 64;

/**
 * Compiles a path glob. `*` and `?` stay within one path segment, `**` is a whole segment matching
 * any number of them, `[abc]`/`[!abc]` are classes, `{a,b}` alternatives. Every glob also matches
 * everything beneath what it names. Where a glob is anchored:
 * - `/…` absolute; `~` or `~/…` the user's home;
 * - a bare name (`.env`, `*.pem`) or `**​/…`: anywhere;
 * - anything else (`deploy/*.yaml`, `./secrets`): the workspace (repository root, else cwd),
 *   unless `workspace` is false (tier paths), where it is an error.
 */
export function compilePathGlob(glob: string, options: { workspace: boolean }): PathGlobCompile {
  if (glob === "") return { ok: false, message: "empty glob" };
  if (glob.trim() !== glob) return { ok: false, message: "glob has leading or trailing whitespace" };
  const expanded = expandBraces(glob);
  if (typeof expanded === "string") return { ok: false, message: expanded };
  const globs: PathGlobV1[] = [];
  for (const one of expanded) {
    const compiled = compileOne(one, options.workspace);
    if (typeof compiled === "string") return { ok: false, message: compiled };
    globs.push(compiled);
  }
  return { ok: true, globs };
}

function compileOne(glob: string, workspace: boolean): PathGlobV1 | string {
  let body = glob.replace(/\/{2,}/g, "/");
  if (body.length > 1) body = body.replace(/\/+$/, "");
  let base: PathGlobV1["base"];
  if (body === "~" || body.startsWith("~/")) {
    base = "home";
    body = body.slice(2);
  } else if (body.startsWith("~")) {
    return "`~user` paths are not supported; use `~/…` (the current user's home) or an absolute path";
  } else if (body.startsWith("/")) {
    base = "absolute";
  } else if (!body.includes("/") || body.startsWith("**/") || body === "**") {
    base = "absolute";
    body = body.startsWith("**") ? `/${body}` : `/**/${body}`;
  } else if (workspace) {
    base = "workspace";
    body = body.replace(/^(\.\/)+/, "");
  } else {
    return "a tier path must be absolute, start with `~/` or `**/`, or be a bare name";
  }
  if (body.split("/").some((segment) => segment === ".." || segment === "."))
    return "`.` and `..` segments are not supported; write the normalized path";
  const regex = segmentsToRegex(body);
  if (typeof regex !== "string") return regex.error;
  // Home- and workspace-relative paths have no leading slash; the empty path is the base itself.
  const descendants = regex.endsWith(".*") || regex.endsWith("(?:/.*)?") ? "" : "(?:/.*)?";
  const source = body === "" ? "^.*$" : body === "/" ? "^/.*$" : `^${regex}${descendants}$`;
  return { glob, base, regex: { source, flags: "" } };
}

function segmentsToRegex(body: string): string | { error: string } {
  const segments = body.split("/");
  let out = "";
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const last = index === segments.length - 1;
    if (segment === "**") {
      // Leading `**/` ends in a separator; a later `/**` supplies the separator before it (and, at
      // the end, also matches the directory itself: `~/.ssh/**` covers `ls ~/.ssh`).
      if (index === 0) out += last ? ".*" : "(?:.*/)?";
      else out += "(?:/.*)?";
      continue;
    }
    if (segment.includes("**"))
      return { error: "`**` must be a whole path segment (like `a/**/b`); use `*` inside a name" };
    const part = segmentToRegex(segment);
    if (typeof part !== "string") return part;
    const separator = index === 0 || (index === 1 && segments[0] === "**") ? "" : "/";
    out += separator + part;
  }
  return out;
}

function segmentToRegex(segment: string): string | { error: string } {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "\\") {
      const next = segment[i + 1];
      if (next === undefined) return { error: "a trailing `\\` escapes nothing" };
      out += escapeRegex(next);
      i++;
    } else if (c === "[") {
      const end = classEnd(segment, i);
      if (end < 0) return { error: "unclosed `[`" };
      out += classToRegex(segment.slice(i + 1, end));
      i = end;
    } else out += escapeRegex(c);
  }
  return out;
}

function classEnd(segment: string, open: number): number {
  let i = open + 1;
  if (segment[i] === "!" || segment[i] === "^") i++;
  if (segment[i] === "]") i++;
  for (; i < segment.length; i++) {
    if (segment[i] === "\\") i++;
    else if (segment[i] === "]") return i;
  }
  return -1;
}

function classToRegex(inner: string): string {
  const negated = inner.startsWith("!") || inner.startsWith("^");
  const chars = negated ? inner.slice(1) : inner;
  let body = "";
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i]!;
    const escaped = c === "\\" && i + 1 < chars.length;
    if (escaped) c = chars[++i]!;
    body += "\\]^[".includes(c) || (escaped && c === "-") ? `\\${c}` : c;
  }
  return negated ? `[^/${body}]` : `[${body}]`;
}

/** Expands `{a,b}` alternatives (nested allowed) into separate globs, or returns an error message. */
export function expandBraces(glob: string): string[] | string {
  const open = findUnescaped(glob, "{", 0);
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length && close < 0; i++) {
    const c = glob[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) close = i;
    } else if (c === "," && depth === 1) commas.push(i);
  }
  if (close < 0) return "unclosed `{`";
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const option = glob.slice(0, open) + glob.slice(bounds[k]! + 1, bounds[k + 1]) + glob.slice(close + 1);
    const more = expandBraces(option);
    if (typeof more === "string") return more;
    out.push(...more);
    if (out.length > MAX_EXPANSIONS) return `\`{…}\` expands to more than ${MAX_EXPANSIONS} globs`;
  }
  return out;
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === char) return i;
  }
  return -1;
}
