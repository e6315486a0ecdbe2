import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import type { Platform } from "./builtin-profiles.ts";
import type {
  FileSystemAccess,
  FileSystemEntry,
  FileSystemPath,
  FileSystemSpecialPath,
  PermissionProfile,
} from "./permission-profile.ts";
import { joinPosixPath, normalizePosixPath, resolveConfigPath } from "./posix-path.ts";

/** Where a custom profile's paths resolve: cwd for `workspace_roots`, home for `~/…`. */
export interface CompileContext {
  cwd: string;
  homeDir: string;
  platform: Platform;
}

/** A compiled custom profile plus its extra workspace roots and startup warnings, or a hard error. */
export type CompiledProfile =
  | { profile: PermissionProfile; workspaceRoots: string[]; warnings: string[]; error: null }
  | { profile: null; workspaceRoots: []; warnings: string[]; error: string };

class CompileError extends Error {}

// `contains_glob_chars` of core/src/config/permissions.rs (unlike deny_read, `]` counts here).
const GLOB_CHARS = /[*?[\]]/;

function parseSpecialPath(path: string): FileSystemSpecialPath | null {
  if (path === ":root") return { kind: "root" };
  if (path === ":minimal") return { kind: "minimal" };
  if (path === ":workspace_roots") return { kind: "project-roots", subpath: null };
  if (path === ":tmpdir") return { kind: "tmpdir" };
  if (path === ":slash_tmp") return { kind: "slash-tmp" };
  if (path.startsWith(":")) return { kind: "unknown", path, subpath: null };
  return null;
}

function parseAbsolutePath(path: string, ctx: CompileContext): string {
  if (!path.startsWith("/") && path !== "~" && !path.startsWith("~/")) {
    throw new CompileError(`filesystem path \`${path}\` must be absolute, use \`~/...\`, or start with \`:\``);
  }
  return resolveConfigPath(path, "/", ctx.homeDir);
}

function parseRelativeSubpath(subpath: string): string {
  const segments = subpath.split("/");
  const valid = subpath !== "" && !subpath.startsWith("/") && segments[0] !== "." && !segments.includes("..");
  if (!valid) {
    throw new CompileError(
      `filesystem subpath \`${subpath}\` must be a descendant path without \`.\` or \`..\` components`,
    );
  }
  return segments.filter((segment) => segment !== "" && segment !== ".").join("/");
}

function unknownPathWarning(value: FileSystemSpecialPath, warnings: string[]): void {
  if (value.kind !== "unknown") return;
  warnings.push(
    value.subpath === null
      ? `Configured filesystem path \`${value.path}\` is not recognized by this version of Codex and will be ignored. Upgrade Codex if this path is required.`
      : `Configured filesystem path \`${value.path}\` with nested entry \`${value.subpath}\` is not recognized by this version of Codex and will be ignored. Upgrade Codex if this path is required.`,
  );
}

function compilePath(path: string, ctx: CompileContext, warnings: string[]): FileSystemPath {
  const special = parseSpecialPath(path);
  if (special !== null) {
    unknownPathWarning(special, warnings);
    return { type: "special", value: special };
  }
  return { type: "path", path: parseAbsolutePath(path, ctx) };
}

// `compile_read_write_glob_path`: read/write globs are only allowed as a trailing `/**` subtree.
function stripReadWriteGlob(path: string, access: FileSystemAccess): string {
  if (!GLOB_CHARS.test(path)) return path;
  const stripped = path.endsWith("/**") ? path.slice(0, -3) : path;
  if (!GLOB_CHARS.test(stripped)) return stripped;
  throw new CompileError(
    `filesystem glob path \`${path}\` only supports \`deny\` access; use an exact path or trailing \`/**\` for \`${access}\` subtree access`,
  );
}

function compileScopedPath(path: string, subpath: string, ctx: CompileContext, warnings: string[]): FileSystemPath {
  if (subpath === ".") return compilePath(path, ctx, warnings);
  const special = parseSpecialPath(path);
  const relative = parseRelativeSubpath(subpath);
  if (special === null) return { type: "path", path: joinPosixPath(parseAbsolutePath(path, ctx), relative) };
  if (special.kind === "project-roots") return { type: "special", value: { kind: "project-roots", subpath: relative } };
  if (special.kind === "unknown") {
    const value: FileSystemSpecialPath = { kind: "unknown", path: special.path, subpath: relative };
    unknownPathWarning(value, warnings);
    return { type: "special", value };
  }
  throw new CompileError(`filesystem path \`${path}\` does not support nested entries`);
}

// `FileSystemAccessMode` accepts `none` as a spelling of `deny` [probed]; anything else fails serde's untagged
// match (Codex prefixes the config file position, which this core function does not know).
function parseAccess(value: TomlValue): FileSystemAccess {
  if (value === "read" || value === "write" || value === "deny") return value;
  if (value === "none") return "deny";
  throw new CompileError("data did not match any variant of untagged enum FilesystemPermissionToml");
}

function compileEntry(path: string, value: TomlValue, ctx: CompileContext, warnings: string[]): FileSystemEntry[] {
  if (!isTable(value)) {
    const access = parseAccess(value);
    if (GLOB_CHARS.test(path) && access === "deny") {
      return [{ path: { type: "glob", pattern: parseAbsolutePath(path, ctx) }, access }];
    }
    return [{ path: compilePath(stripReadWriteGlob(path, access), ctx, warnings), access }];
  }
  const special = parseSpecialPath(path);
  const patternCapable = special === null || special.kind === "project-roots";
  return Object.keys(value)
    .sort()
    .map((subpath): FileSystemEntry => {
      const access = parseAccess(value[subpath] as TomlValue);
      if (GLOB_CHARS.test(subpath) && access === "deny" && patternCapable) {
        const relative = parseRelativeSubpath(subpath);
        const pattern =
          special === null ? joinPosixPath(parseAbsolutePath(path, ctx), relative) : `:workspace_roots/${relative}`;
        return { path: { type: "glob", pattern }, access };
      }
      return { path: compileScopedPath(path, stripReadWriteGlob(subpath, access), ctx, warnings), access };
    });
}

// `unbounded_unreadable_globstar_paths`: deny globs with `**` and no `glob_scan_max_depth` (non-macOS only).
function globstarWarnings(entries: [string, TomlValue][]): string[] {
  const patterns: string[] = [];
  for (const [path, value] of entries) {
    if ((value === "deny" || value === "none") && path.includes("**")) patterns.push(path);
    if (!isTable(value)) continue;
    for (const subpath of Object.keys(value).sort()) {
      const access = value[subpath];
      if ((access === "deny" || access === "none") && subpath.includes("**")) patterns.push(`${path}/${subpath}`);
    }
  }
  return patterns.map(
    (pattern) =>
      `Filesystem deny-read glob \`${pattern}\` uses \`**\`. Non-macOS sandboxing does not support unbounded \`**\` natively; set \`glob_scan_max_depth\` in this filesystem profile to cap Linux glob expansion and silence this warning, or enumerate explicit depths such as \`*.env\`, \`*/*.env\`, and \`*/*/*.env\`.`,
  );
}

function missingEntriesWarning(name: string): string {
  return `Permissions profile \`${name}\` does not define any recognized filesystem entries for this version of Codex. Filesystem access will remain restricted. Upgrade Codex if this profile expects filesystem permissions.`;
}

/**
 * Compiles a resolved custom profile (`compile_permission_profile` in core/src/config/permissions.rs):
 * filesystem entries in key order (special paths, absolute/`~` paths, scoped sub-entries, deny globs),
 * `network.enabled`, `glob_scan_max_depth`, the enabled `workspace_roots` (resolved against cwd) and the
 * startup warnings Codex prints for missing entries, unknown special paths and unbounded `**` deny globs.
 */
export function compileCustomProfile(name: string, profile: TomlTable, ctx: CompileContext): CompiledProfile {
  const warnings: string[] = [];
  try {
    const entries: FileSystemEntry[] = [];
    const filesystem = isTable(profile.filesystem) ? profile.filesystem : null;
    const depth = filesystem?.glob_scan_max_depth;
    const fsEntries = Object.entries(filesystem ?? {})
      .filter(([key]) => key !== "glob_scan_max_depth")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (filesystem === null || fsEntries.length === 0) warnings.push(missingEntriesWarning(name));
    else {
      if (ctx.platform !== "macos" && depth === undefined) warnings.push(...globstarWarnings(fsEntries));
      for (const [path, value] of fsEntries) entries.push(...compileEntry(path, value, ctx, warnings));
    }
    if (depth === 0n) throw new CompileError("glob_scan_max_depth must be at least 1");
    const network = isTable(profile.network) && profile.network.enabled === true ? "enabled" : "restricted";
    const roots = isTable(profile.workspace_roots) ? profile.workspace_roots : {};
    const workspaceRoots = Object.keys(roots)
      .sort()
      .filter((root) => roots[root] === true)
      .map((root) => (root.startsWith("/") ? normalizePosixPath(root) : joinPosixPath(ctx.cwd, root)));
    const globScanMaxDepth = typeof depth === "bigint" ? Number(depth) : null;
    return {
      profile: { type: "managed", fileSystem: { type: "restricted", entries, globScanMaxDepth }, network },
      workspaceRoots,
      warnings,
      error: null,
    };
  } catch (error) {
    if (error instanceof CompileError) return { profile: null, workspaceRoots: [], warnings, error: error.message };
    throw error;
  }
}
