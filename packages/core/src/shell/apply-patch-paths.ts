/**
 * The files a Codex `apply_patch` call changes (`tool_input.command` is the patch text). Hunk
 * boundaries follow `codex-rs/apply-patch/src/parser.rs` in lenient mode: the patch is trimmed,
 * an `<<'EOF' … EOF` wrapper is removed, headers are trimmed, `*** Move to:` must follow its
 * `*** Update File:` line directly, an Add hunk ends at the first line without `+`, and an Update
 * hunk ends at the first line starting with `*` other than `*** End of File`. Malformed patches
 * (which Codex rejects) are still scanned, so nothing is missed.
 */
import { normalizeShellPath } from "./shell-path.ts";

/** Files a patch creates or changes, removes, and renames. */
export interface ApplyPatchPaths {
  /** Added and updated files, and rename destinations. */
  writes: string[];
  /** Deleted files, and rename sources. */
  deletes: string[];
  moves: Array<{ from: string; to: string }>;
}

const ADD = "*** Add File: ";
const DELETE = "*** Delete File: ";
const UPDATE = "*** Update File: ";
const MOVE = "*** Move to: ";
const HEREDOC_OPENERS = new Set(["<<EOF", "<<'EOF'", '<<"EOF"']);

/** Paths named by an apply_patch patch; relative paths are resolved against `cwd` when given. */
export function applyPatchPaths(patch: string, cwd?: string): ApplyPatchPaths {
  const out: ApplyPatchPaths = { writes: [], deletes: [], moves: [] };
  const resolve = (path: string) =>
    cwd === undefined ? path : normalizeShellPath(path.startsWith("/") ? path : `${cwd}/${path}`);
  let lines = patch
    .trim()
    .split("\n")
    .map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines.length >= 4 && HEREDOC_OPENERS.has(lines[0] as string) && (lines.at(-1) as string).endsWith("EOF")) {
    lines = lines.slice(1, -1);
  }
  const end = lines.at(-1)?.trim() === "*** End Patch" ? lines.length - 1 : lines.length;
  let i = lines[0]?.trim() === "*** Begin Patch" ? 1 : 0;
  while (i < end) {
    const header = (lines[i] as string).trim();
    i++;
    if (header.startsWith(ADD)) {
      out.writes.push(resolve(header.slice(ADD.length)));
      while (i < end && (lines[i] as string).startsWith("+")) i++;
    } else if (header.startsWith(DELETE)) {
      out.deletes.push(resolve(header.slice(DELETE.length)));
    } else if (header.startsWith(UPDATE)) {
      const from = resolve(header.slice(UPDATE.length));
      const move = lines[i];
      if (i < end && move?.startsWith(MOVE)) {
        const to = resolve(move.slice(MOVE.length));
        out.moves.push({ from, to });
        out.writes.push(to);
        out.deletes.push(from);
        i++;
      } else {
        out.writes.push(from);
      }
      while (i < end && (lines[i] === "*** End of File" || !(lines[i] as string).startsWith("*"))) i++;
    }
  }
  return out;
}
