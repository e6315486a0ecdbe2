import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { constants } from "node:os";
import { type FileReadResult, type FileSystemPort, WardenError } from "@warden/core";
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
 * `String::from_utf8`'s error text: `invalid utf-8 sequence of N bytes from index I`, or
 * `incomplete utf-8 byte sequence from index I` when the input ends mid-character (probed:
 * a config file with byte 0xff gives `invalid utf-8 sequence of 1 bytes from index 7`).
 */
export function rustUtf8Error(bytes: Uint8Array): string | null {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index] as number;
    const width =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (width === 0) return `invalid utf-8 sequence of 1 bytes from index ${index}`;
    let valid = 1;
    while (valid < width && index + valid < bytes.length && ((bytes[index + valid] as number) & 0xc0) === 0x80) valid++;
    if (valid === width) {
      index += width;
      continue;
    }
    if (index + valid >= bytes.length) return `incomplete utf-8 byte sequence from index ${index}`;
    return `invalid utf-8 sequence of ${valid} bytes from index ${index}`;
  }
  return null;
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
