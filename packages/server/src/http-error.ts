/**
 * The HTTP edge's error codes, each with its status (one table), and the error routes throw.
 * @module
 */

/** Every `code` an error body can carry, with the status it is sent with. */
export const HTTP_ERROR_STATUS = {
  invalid_request: 400,
  malformed_json: 400,
  policy_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  storage_unavailable: 503,
} as const;

/** A stable snake_case error code of the HTTP API. */
export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

/** The JSON body of every error response. */
export interface ErrorBodyV1 {
  code: HttpErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An expected failure of a request: mapped to `{code, message, details?}` by the one error handler. */
export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HttpError";
  }

  /** The status this error is sent with. */
  get status(): (typeof HTTP_ERROR_STATUS)[HttpErrorCode] {
    return HTTP_ERROR_STATUS[this.code];
  }

  /** The response body. */
  toBody(): ErrorBodyV1 {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** A 404 for an id that names nothing. */
export function notFound(what: string, id: string): HttpError {
  return new HttpError("not_found", `${what} ${JSON.stringify(id)} does not exist`, { id });
}
