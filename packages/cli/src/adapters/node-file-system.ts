import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { constants } from "node:os";
import { type FileReadResult, type FileSystemPort, rustUtf8Error, WardenError } from "@warden/core";
import { MAX_INPUT_BYTES } from "./input-files.ts";

// Rust's `io::Error` Display for the errno values a config read can hit (`{strerror} (os error N)`).
const STRERROR: Readonly<Record<string, string>> = {
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
  EIO: "Input/output error",
  EMFILE: "Too many open files",
  ENXIO: "No such device or address",
};

function rustIoMessage(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  const errno = (constants.errno as Record<string, number>)[code];
  const text = STRERROR[code] ?? error.message.replace(/^[A-Z]+: /, "").replace(/, .*$/, "");
  return errno === undefined ? text : `${text} (os error ${errno})`;
}

/**
 * The real-file-system `FileSystemPort`: what Codex's executor file system reports, worded like
 * Codex (a directory where a file is expected gives ``path `{path}` is not a file``, probed).
 * A file over {@link MAX_INPUT_BYTES} is refused with a `too_large` WardenError rather than parsed.
 */
export function createNodeFileSystem(): FileSystemPort {
  return {
    readText(path: string): FileReadResult {
      let bytes: Buffer;
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) return { kind: "error", message: `path \`${path}\` is not a file` };
        if (stat.size > MAX_INPUT_BYTES) {
          throw new WardenError(
            "too_large",
            `${path} is ${stat.size} bytes; Warden reads configuration files of at most ${MAX_INPUT_BYTES} bytes`,
          );
        }
        bytes = readFileSync(path);
      } catch (error) {
        if (error instanceof WardenError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return { kind: "missing" };
        return { kind: "error", message: rustIoMessage(error as NodeJS.ErrnoException) };
      }
      const invalid = rustUtf8Error(bytes);
      return invalid === null ? { kind: "ok", text: bytes.toString("utf8") } : { kind: "error", message: invalid };
    },
    isDirectory(path: string): boolean {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    exists(path: string): boolean {
      try {
        statSync(path);
        return true;
      } catch {
        return false;
      }
    },
    isEmptyDirectory(path: string): boolean {
      try {
        return readdirSync(path).length === 0;
      } catch {
        return false;
      }
    },
    realpath(path: string): string | null {
      try {
        return realpathSync.native(path);
      } catch {
        return null;
      }
    },
  };
}
