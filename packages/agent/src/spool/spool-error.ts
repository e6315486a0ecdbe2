/** Why a record could not be appended to the spool. */
export type SpoolErrorCode = "spool_read_only" | "spool_full" | "spool_locked" | "spool_io";

/** A spool write that failed; the hook turns it into a fail-closed deny or a fail-open warning. */
export class SpoolError extends Error {
  constructor(
    readonly code: SpoolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SpoolError";
  }
}

/** Maps a file-system error to a spool error that says what is wrong with the directory. */
export function spoolErrorFrom(error: unknown, dir: string): SpoolError {
  if (error instanceof SpoolError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "EROFS" || code === "EACCES" || code === "EPERM") {
    return new SpoolError("spool_read_only", `the spool directory ${dir} is not writable (${code})`);
  }
  if (code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG") {
    return new SpoolError("spool_full", `the spool directory ${dir} is full (${code})`);
  }
  const detail = code === "" ? String((error as Error).message ?? error) : code;
  return new SpoolError("spool_io", `the spool directory ${dir} cannot be written (${detail})`);
}
