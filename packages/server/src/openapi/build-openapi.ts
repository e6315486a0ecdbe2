import { HTTP_ERROR_STATUS, type HttpErrorCode } from "../http-error.ts";
import type { RouteSpec } from "../routes/route.ts";

const ERROR_SCHEMA = {
  type: "object",
  required: ["code", "message"],
  properties: {
    code: { type: "string", enum: Object.keys(HTTP_ERROR_STATUS) },
    message: { type: "string" },
    details: { type: "object" },
  },
};

// SCIM routes answer RFC 7644 §3.12 error bodies instead (`src/scim/scim-error.ts`).
const SCIM_ERROR_SCHEMA = {
  type: "object",
  required: ["schemas", "status", "detail"],
  properties: {
    schemas: { type: "array", items: { const: "urn:ietf:params:scim:api:messages:2.0:Error" } },
    status: { type: "string" },
    scimType: {
      type: "string",
      enum: ["invalidFilter", "invalidSyntax", "invalidPath", "invalidValue", "noTarget", "uniqueness", "mutability"],
    },
    detail: { type: "string" },
  },
};

const ERROR_TEXT: Record<HttpErrorCode, string> = {
  invalid_request: "the body or a parameter does not fit (details.issues)",
  malformed_json: "the body is not valid JSON",
  policy_invalid: "the policy has errors (details.diagnostics)",
  unauthenticated:
    "missing, unknown, revoked or expired API key; or a device signature that is missing, invalid, stale or replayed; or a device session that is malformed, expired, not accepted on the route, or whose MAC does not verify",
  forbidden: "the key's role or scopes lack the permission (or a device ships another device's events)",
  not_found: "an id names nothing",
  conflict: "the change conflicts with the current state",
  gone: "a one-time credential was already used or has expired",
  payload_too_large: "the body is over the size limit",
  unsupported_media_type: "the body is not application/json",
  internal: "a bug; the server log has the details",
  storage_unavailable: "the database is unavailable",
};

function errorResponse(codes: HttpErrorCode[], scim: boolean) {
  return {
    description: codes.map((code) => `${code}: ${ERROR_TEXT[code]}`).join("; "),
    content: scim
      ? { "application/scim+json": { schema: { $ref: "#/components/schemas/ScimError" } } }
      : { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
}

/** The OpenAPI path of a hono path (`/v1/policies/:id` → `/v1/policies/{id}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}

/**
 * Who may call a route: nobody in particular, an API key with a permission, a device's signature
 * (or its session, on the routes that accept one), or an API key or a device.
 */
function security(route: RouteSpec<unknown>) {
  const device = route.auth === undefined ? [] : [{ device: [] }];
  const session = route.auth === "device-or-session" ? [{ deviceSession: [] }] : [];
  if (route.permission === null) return { security: [...device, ...session] };
  const bearer = route.auth === "device-or-api-key" || route.auth === undefined ? [{ bearer: [] }] : [];
  return { security: [...bearer, ...device, ...session], "x-warden-permission": route.permission };
}

function operation(route: RouteSpec<unknown>) {
  const scim = route.dialect === "scim";
  const mediaType = scim ? "application/scim+json" : "application/json";
  const codes: HttpErrorCode[] = [...(route.errors ?? [])];
  if (route.body) codes.push("invalid_request", "malformed_json", "payload_too_large", "unsupported_media_type");
  if (route.permission !== null) codes.push("unauthenticated", "forbidden");
  if (route.auth !== undefined) codes.push("unauthenticated");
  codes.push("storage_unavailable", "internal");
  const byStatus = new Map<number, HttpErrorCode[]>();
  for (const code of new Set(codes))
    byStatus.set(HTTP_ERROR_STATUS[code], [...(byStatus.get(HTTP_ERROR_STATUS[code]) ?? []), code]);
  const pathParameters = [...route.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParameters = (route.query ?? []).map((parameter) => ({
    name: parameter.name,
    in: "query",
    required: false,
    description: parameter.description,
    schema: { type: parameter.type },
  }));
  return {
    summary: route.summary,
    tags: [route.tag],
    ...security(route),
    parameters: [...pathParameters, ...queryParameters],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: scim
              ? { [mediaType]: { schema: route.body.json }, "application/json": { schema: route.body.json } }
              : { "application/json": { schema: route.body.json } },
          },
        }
      : {}),
    responses: {
      [route.success.status]: {
        description: route.success.description,
        ...(route.success.status === 204 ? {} : { content: { [mediaType]: { schema: { type: "object" } } } }),
      },
      ...Object.fromEntries(
        [...byStatus].sort(([a], [b]) => a - b).map(([status, list]) => [status, errorResponse(list, scim)]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document for `routes`, generated from the route table and its validators. */
export function buildOpenApi(routes: readonly RouteSpec<unknown>[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    "/openapi.json": {
      get: {
        summary: "This document",
        tags: ["meta"],
        security: [],
        responses: { 200: { description: "OpenAPI 3.1" } },
      },
    },
  };
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Warden control plane",
      version: "1",
      description: "Policies, directory, group rules, simulation and credentials. See docs/api.md.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "an API key, wk_…" },
        device: {
          type: "apiKey",
          in: "header",
          name: "x-warden-signature",
          description:
            "a device-signed request: x-warden-device-key, x-warden-timestamp, x-warden-nonce and x-warden-signature (Ed25519 over method, path, timestamp, nonce and the body's sha256; see docs/api.md)",
        },
        deviceSession: {
          type: "http",
          scheme: "WardenSession",
          description:
            "a device session from POST /v1/devices/self/session: `Authorization: WardenSession <token>`, x-warden-timestamp, x-warden-nonce and x-warden-session-mac (HMAC-SHA256 with the session key over the same text a device signature covers; see docs/api.md); GET /v1/devices/self/bundle only",
        },
      },
      schemas: { Error: ERROR_SCHEMA, ScimError: SCIM_ERROR_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
