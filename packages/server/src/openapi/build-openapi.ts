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

const ERROR_TEXT: Record<HttpErrorCode, string> = {
  invalid_request: "the body or a parameter does not fit (details.issues)",
  malformed_json: "the body is not valid JSON",
  policy_invalid: "the policy has errors (details.diagnostics)",
  unauthenticated: "missing, unknown, revoked or expired API key",
  forbidden: "the key's role or scopes lack the permission",
  not_found: "an id names nothing",
  conflict: "the change conflicts with the current state",
  gone: "a one-time credential was already used or has expired",
  payload_too_large: "the body is over the size limit",
  unsupported_media_type: "the body is not application/json",
  internal: "a bug; the server log has the details",
  storage_unavailable: "the database is unavailable",
};

function errorResponse(codes: HttpErrorCode[]) {
  return {
    description: codes.map((code) => `${code}: ${ERROR_TEXT[code]}`).join("; "),
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
}

/** The OpenAPI path of a hono path (`/v1/policies/:id` → `/v1/policies/{id}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}

function operation(route: RouteSpec<unknown>) {
  const codes: HttpErrorCode[] = [...(route.errors ?? [])];
  if (route.body) codes.push("invalid_request", "malformed_json", "payload_too_large", "unsupported_media_type");
  if (route.permission !== null) codes.push("unauthenticated", "forbidden");
  if (route.auth === "device") codes.push("unauthenticated");
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
    ...(route.permission === null
      ? { security: [] }
      : { security: [{ bearer: [] }], "x-warden-permission": route.permission }),
    parameters: [...pathParameters, ...queryParameters],
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: route.body.json } } } }
      : {}),
    responses: {
      [route.success.status]: {
        description: route.success.description,
        ...(route.success.status === 204 ? {} : { content: { "application/json": { schema: { type: "object" } } } }),
      },
      ...Object.fromEntries(
        [...byStatus].sort(([a], [b]) => a - b).map(([status, list]) => [status, errorResponse(list)]),
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
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "an API key, wk_…" } },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
