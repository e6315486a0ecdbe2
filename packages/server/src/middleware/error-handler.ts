import { WardenError } from "@warden/core";
import { type ErrorBodyV1, HTTP_ERROR_STATUS, HttpError } from "../http-error.ts";

/** Where the server reports what it could not answer (internal errors with their stack). */
export interface AppLogger {
  error(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
}

// Driver and store messages that mean the database cannot be reached or is closed.
const UNAVAILABLE_MESSAGE =
  /database connection is not open|database is closed|connection terminated|Client has encountered a connection error|Connection refused|pool (is )?(ended|closed|destroyed)|driver has already been destroyed|SQLITE_(BUSY|CANTOPEN|IOERR)/i;
const UNAVAILABLE_CODE = new Set([
  "storage_unavailable",
  "unavailable",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
  "SQLITE_CANTOPEN",
  "SQLITE_BUSY",
  "SQLITE_IOERR",
]);

/** True when `error` says the store is down (closed, unreachable, busy), not that the request was wrong. */
export function isStorageUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODE.has(code)) return true;
    if (UNAVAILABLE_MESSAGE.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

/**
 * The one mapper from anything a request can throw to `{code, message, details?}` and a status.
 * Bugs become a logged 500 whose body never carries the stack.
 */
export function toErrorResponse(error: unknown, logger: AppLogger | undefined): { status: number; body: ErrorBodyV1 } {
  if (error instanceof HttpError) return { status: error.status, body: error.toBody() };
  if (error instanceof WardenError && error.code === "too_large")
    return { status: HTTP_ERROR_STATUS.payload_too_large, body: { code: "payload_too_large", message: error.message } };
  if (error instanceof WardenError && error.code === "invalid_input")
    return { status: HTTP_ERROR_STATUS.invalid_request, body: { code: "invalid_request", message: error.message } };
  if (isStorageUnavailable(error)) {
    logger?.error("storage unavailable", { error: String(error) });
    return {
      status: HTTP_ERROR_STATUS.storage_unavailable,
      body: { code: "storage_unavailable", message: "the database is unavailable; try again later" },
    };
  }
  logger?.error("internal error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return {
    status: HTTP_ERROR_STATUS.internal,
    body: { code: "internal", message: "internal server error (a bug; the server log has the details)" },
  };
}
