/** Why enrolling or syncing failed; the CLI maps each code to an exit code. */
export type SyncErrorCode = "not_enrolled" | "server_unreachable" | "server_error" | "refused";

/** An expected failure of `warden enroll` / `warden sync`: nothing was installed. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SyncError";
  }
}
