/** Stable snake_case codes for conditions a caller cannot handle inline; each edge maps them once. */
export type WardenErrorCode =
  | "usage"
  | "not_found"
  | "unreadable"
  | "invalid_input"
  | "too_large"
  | "unsupported_version"
  | "internal";

/** The one error base class: a stable code, a message for people, optional structured details. */
export class WardenError extends Error {
  constructor(
    readonly code: WardenErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "WardenError";
  }
}
