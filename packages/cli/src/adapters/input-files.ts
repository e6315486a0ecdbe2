import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { CliFailure } from "../commands/command-context.ts";
import { ExitCode } from "../exit-codes.ts";

/** The largest input file Warden reads: far above any real policy, small enough to refuse junk fast. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** Resolves a directory named on the command line, failing with a clear usage error when it is not one. */
export function requireDirectory(flag: string, path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(absolute);
  } catch {
    throw new CliFailure(ExitCode.usage, `${flag} ${path}: no such directory`);
  }
  if (!stat.isDirectory()) throw new CliFailure(ExitCode.usage, `${flag} ${path}: not a directory`);
  return absolute;
}

/**
 * Reads a text file named on the command line: missing ⇒ usage error (2), unreadable ⇒
 * environment error (3), too large, binary or not UTF-8 ⇒ usage error with the reason.
 */
export function readInputText(flag: string, path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  let bytes: Buffer;
  try {
    const stat = statSync(absolute);
    if (stat.isDirectory()) throw new CliFailure(ExitCode.usage, `${flag} ${path}: is a directory, expected a file`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new CliFailure(
        ExitCode.usage,
        `${flag} ${path}: file is ${stat.size} bytes; the limit is ${MAX_INPUT_BYTES}`,
      );
    }
    bytes = readFileSync(absolute);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliFailure(ExitCode.usage, `${flag} ${path}: no such file`);
    throw new CliFailure(ExitCode.environment, `${flag} ${path}: cannot read: ${(error as Error).message}`);
  }
  return decodeUtf8(flag, path, bytes);
}

/** Decodes UTF-8 strictly, refusing NUL bytes (binary files) with a clear message. */
export function decodeUtf8(flag: string, path: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw new CliFailure(ExitCode.usage, `${flag} ${path}: binary file (contains NUL bytes)`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliFailure(ExitCode.usage, `${flag} ${path}: not valid UTF-8`);
  }
}
