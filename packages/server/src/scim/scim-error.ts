import { WardenError } from "@warden/core";
import { HttpError, type HttpErrorCode } from "../http-error.ts";
import { type AppLogger, toErrorResponse } from "../middleware/error-handler.ts";

/** The schema URN of a SCIM error body (RFC 7644 §3.12). */
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The `scimType` detail codes of RFC 7644 §3.12 that Warden answers with. */
export type ScimType =
  | "invalidFilter"
  | "invalidSyntax"
  | "invalidPath"
  | "invalidValue"
  | "noTarget"
  | "uniqueness"
  | "mutability"
  | "tooMany";

/** A SCIM error body: status as a string, an optional `scimType`, a human `detail`. */
export interface ScimErrorBodyV1 {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** An expected failure of a SCIM request; the SCIM routes' error mapper turns it into a SCIM error body. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 412,
    readonly scimType: ScimType | null,
    message: string,
  ) {
    super(message);
    this.name = "ScimError";
  }
}

/** A 400 with a `scimType`. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, scimType, detail);
}

/** A 404 for a resource id that names nothing. */
export function scimNotFound(resourceType: string, id: string): ScimError {
  return new ScimError(404, null, `${resourceType} ${JSON.stringify(id)} not found`);
}

// What the generic edge's codes mean to a SCIM client (body problems are syntax problems).
const SCIM_TYPE_OF: Partial<Record<HttpErrorCode, ScimType>> = {
  malformed_json: "invalidSyntax",
  invalid_request: "invalidSyntax",
  conflict: "uniqueness",
};

/**
 * The one mapper for SCIM routes (`/scim/v2/…`): anything thrown becomes a SCIM error body with
 * its status; authentication, body-size and storage errors keep their status and message.
 */
export function toScimErrorResponse(
  error: unknown,
  logger: AppLogger | undefined,
): { status: number; body: ScimErrorBodyV1 } {
  if (error instanceof ScimError) {
    const body: ScimErrorBodyV1 = { schemas: [SCIM_ERROR_SCHEMA], status: String(error.status), detail: error.message };
    if (error.scimType !== null) body.scimType = error.scimType;
    return { status: error.status, body };
  }
  const { status, body: generic } = toErrorResponse(error, logger);
  const body: ScimErrorBodyV1 = { schemas: [SCIM_ERROR_SCHEMA], status: String(status), detail: generic.message };
  const code = error instanceof HttpError ? error.code : error instanceof WardenError ? generic.code : null;
  const scimType = code === null ? undefined : SCIM_TYPE_OF[code];
  if (scimType !== undefined) body.scimType = scimType;
  return { status, body };
}
