import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { Hono } from "hono";
import { authenticateDevice } from "./auth/device-auth.ts";
import { createDeviceSessions, isSessionAuthorization } from "./auth/device-session.ts";
import { createStoreNonceCache } from "./auth/request-nonces.ts";
import { createDeviceBundleCache } from "./bundles/device-bundle-cache.ts";
import { HttpError } from "./http-error.ts";
import { authenticate, authorize } from "./middleware/authenticate.ts";
import { type AppLogger, toErrorResponse } from "./middleware/error-handler.ts";
import { readJsonBody, readLimitedBytes } from "./middleware/read-json-body.ts";
import { buildOpenApi } from "./openapi/build-openapi.ts";
import { API_ROUTES } from "./routes/api-routes.ts";
import type { Caller, RouteServices, RouteSpec, ServerStore } from "./routes/route.ts";
import { ScimError, toScimErrorResponse } from "./scim/scim-error.ts";
import { isScimPath, SCIM_BODY_TYPES, SCIM_CONTENT_TYPE } from "./scim/scim-media.ts";

/** Request limits; every field has a default. */
export interface AppLimits {
  /** The largest JSON body accepted, in bytes. @default 1 MiB */
  readonly maxBodyBytes: number;
}

/** What the app is built from: injected so tests pass a real store in a temp dir and a fixed clock. */
export interface AppDeps {
  readonly store: ServerStore;
  readonly clock: () => Date;
  readonly logger?: AppLogger;
  readonly limits?: Partial<AppLimits>;
  /**
   * Codex's own TOML syntax error text (the CLI passes the wasm Rust parser); without it the
   * simulation words syntax errors with the JS parser's mapping.
   */
  readonly rustTomlSyntaxError?: (text: string) => Promise<string | null>;
}

/** The default limits. */
export const DEFAULT_LIMITS: AppLimits = { maxBodyBytes: 1024 * 1024 };

/** The routes the app serves besides `/openapi.json` (which describes them). */
export function listRoutes(): readonly RouteSpec<unknown>[] {
  return API_ROUTES;
}

/**
 * Builds the control plane's HTTP app: every route of {@link listRoutes} plus `/openapi.json`,
 * with authentication, authorization, body checks and one error mapper. Never listens.
 */
export function createApp(deps: AppDeps): Hono {
  const limits: AppLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const bundleCache = createDeviceBundleCache();
  // Sessions authenticate the bundle fetch only: its device is read with the bundle inputs generation.
  const deviceSessions = createDeviceSessions(deps.store.devices, (id) => bundleCache.loadDevice(deps.store, id));
  const services: RouteServices = {
    store: deps.store,
    now: deps.clock,
    rustTomlSyntaxError: deps.rustTomlSyntaxError ?? (async () => null),
    bundleCache,
    deviceSessions,
  };
  const app = new Hono();
  const openApi = buildOpenApi(API_ROUTES);
  // Device-signed requests' nonces are claimed in the store, shared by every server process on it.
  const nonces = createStoreNonceCache(deps.store.devices);
  for (const route of API_ROUTES) {
    if (route.auth === "device-or-session" && route.method !== "GET") {
      throw new Error(
        `${route.method} ${route.path}: only GET routes may accept device sessions (no nonce is tracked)`,
      );
    }
  }

  app.onError((error, c) => {
    if (isScimPath(c.req.path)) {
      // SCIM clients read SCIM error bodies (RFC 7644 §3.12), authentication failures included.
      const { status, body } = toScimErrorResponse(error, deps.logger);
      if (status === 401) c.header("WWW-Authenticate", 'Bearer realm="warden"');
      return c.body(JSON.stringify(body), status as 400, { "content-type": SCIM_CONTENT_TYPE });
    }
    const { status, body } = toErrorResponse(error, deps.logger);
    if (body.code === "unauthenticated") c.header("WWW-Authenticate", 'Bearer realm="warden"');
    return c.json(body, status as 400);
  });
  app.notFound((c) => {
    const message = `no route ${c.req.method} ${c.req.path}`;
    if (!isScimPath(c.req.path)) return c.json(new HttpError("not_found", message).toBody(), 404);
    const { body } = toScimErrorResponse(new ScimError(404, null, message), deps.logger);
    return c.body(JSON.stringify(body), 404, { "content-type": SCIM_CONTENT_TYPE });
  });
  app.get("/openapi.json", (c) => c.json(openApi));

  for (const route of API_ROUTES) {
    app.on(route.method, route.path, async function handleRoute(c) {
      let caller: Caller | null = null;
      let request = c.req.raw;
      const authorization = c.req.header("authorization");
      const session = isSessionAuthorization(authorization);
      if (session && route.auth !== "device-or-session" && (route.auth !== undefined || route.permission !== null)) {
        throw new HttpError(
          "unauthenticated",
          `${route.method} ${route.path} does not accept a device session (only GET /v1/devices/self/bundle does); sign the request with the device key`,
        );
      }
      const deviceSigned =
        !session &&
        (route.auth === "device" ||
          route.auth === "device-or-session" ||
          (route.auth === "device-or-api-key" && c.req.header(DEVICE_AUTH_HEADERS.signature) !== undefined));
      if (route.permission !== null && !deviceSigned) {
        caller = await authenticate(deps.store.credentials, authorization, deps.clock());
        authorize(caller, route.permission);
      }
      if (deviceSigned && route.method !== "GET") {
        // The signature covers the body: read it once, under the limit, before checking anything.
        const bytes = await readLimitedBytes(request, limits.maxBodyBytes);
        request = new Request(request.url, { method: request.method, headers: request.headers, body: bytes });
      }
      const device = session
        ? await deviceSessions.authenticate(request, deps.clock())
        : deviceSigned
          ? await authenticateDevice(deps.store.devices, request, deps.clock(), nonces)
          : undefined;
      const mediaTypes = route.dialect === "scim" ? SCIM_BODY_TYPES : undefined;
      const body = route.body ? await readJsonBody(request, route.body, limits.maxBodyBytes, mediaTypes) : undefined;
      let query: URLSearchParams | undefined;
      const output = await route.handle({
        body,
        params: c.req.param(),
        // Parsed when a handler reads it (most do not; the bundle fetch, the hot path, never does).
        get query() {
          query ??= new URL(c.req.url).searchParams;
          return query;
        },
        caller,
        ...(device ? { device } : {}),
        header: (name) => c.req.header(name),
        ...(route.dialect === "scim" ? { url: new URL(c.req.url) } : {}),
        services,
      });
      // Bodiless answers (every unchanged bundle fetch is one) are built directly from the route's
      // headers: no Headers object to fill and copy, which the 304 path would pay on every request.
      if (output.status === 204 || output.status === 304) {
        return new Response(null, { status: output.status, headers: output.headers ?? {} });
      }
      for (const [name, value] of Object.entries(output.headers ?? {})) c.header(name, value);
      if (route.dialect === "scim") {
        return c.body(JSON.stringify(output.body), output.status, { "content-type": SCIM_CONTENT_TYPE });
      }
      return c.json(output.body as object, output.status);
    });
  }
  return app;
}
