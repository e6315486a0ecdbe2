/**
 * The narrow read-only file-system port the core uses to load layers; the CLI passes a real
 * implementation, tests pass real temp directories through the same adapter.
 */
export interface FileSystemPort {
  /** Reads a file as UTF-8 text. */
  readText(path: string): FileReadResult;
  /** True when `path` is an existing directory. */
  isDirectory(path: string): boolean;
  /** True when `path` exists (file, directory or other). */
  exists(path: string): boolean;
  /** True when `path` is a directory with no entries. */
  isEmptyDirectory(path: string): boolean;
  /** The canonical absolute path (symlinks resolved), or null when it cannot be resolved. */
  realpath(path: string): string | null;
}

/** What reading one file gave: its text, nothing (missing), or an I/O error message as Rust's io::Error prints it. */
export type FileReadResult = { kind: "ok"; text: string } | { kind: "missing" } | { kind: "error"; message: string };
