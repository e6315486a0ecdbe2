/**
 * The files a command reads and writes, for path policies (deny_read, workspace-only writes):
 * redirection targets and the file operands of common programs, made absolute lexically.
 */
import { applyPatchPaths } from "./apply-patch-paths.ts";
import type { SimpleCommand } from "./command-analysis.ts";
import { fileOperands } from "./file-operands.ts";
import { resolveOperand } from "./shell-path.ts";

/** Pseudo-files that touch nothing on disk (and `/dev/tcp` sockets, which are network destinations). */
const PSEUDO_FILE = /^(?:-|\/dev\/(?:null|zero|u?random|std(?:in|out|err)|tty|fd\/\d+|tcp\/.*|udp\/.*))$/;
const WRITE_REDIRECT = /^[0-9]*(?:>|>>|>\||&>|&>>|>&|<>)$/;
const READ_REDIRECT = /^[0-9]*(?:<|<>)$/;

/** Files read and written by one command. */
export interface PathsTouched {
  reads: string[];
  writes: string[];
}

/**
 * Absolute, lexically normalized paths `command` reads and writes when run from `cwd` (after the
 * script's own literal `cd`s, see `SimpleCommand.workdir`). `~` stays `~/…`. A path that cannot be
 * resolved (it starts with an expansion such as `$TMP`, or the working directory is unknown) is
 * returned as written, so it does not start with `/` or `~`.
 */
export function pathsTouched(command: SimpleCommand, cwd: string): PathsTouched {
  const reads = new Set<string>();
  const writes = new Set<string>();
  const add = (into: Set<string>) => (path: string) => {
    if (path !== "" && !PSEUDO_FILE.test(path)) into.add(resolveOperand(path, cwd, command.workdir));
  };
  for (const { op, target } of command.redirections) {
    if (target === "") continue;
    if (READ_REDIRECT.test(op)) add(reads)(target);
    if (WRITE_REDIRECT.test(op)) add(writes)(target);
  }
  if (command.program === "apply_patch" || command.program === "applypatch") {
    // Codex runs `apply_patch <<'EOF' … EOF` itself rather than through the shell.
    const patch = command.argv[1] ?? command.redirections.findLast((r) => r.body !== undefined)?.body;
    const changed = patch === undefined ? null : applyPatchPaths(patch);
    changed?.writes.forEach(add(writes));
    changed?.deletes.forEach(add(writes));
  } else if (command.argv.length > 0) {
    fileOperands(command.program, command.argv.slice(1), add(reads), add(writes));
  }
  return { reads: [...reads], writes: [...writes] };
}
