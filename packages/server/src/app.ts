import { Hono } from "hono";
import { authenticateDevice, createNonceCache } from "./auth/device-auth.ts";
import { HttpError } from "./http-error.ts";
import { authenticate, authorize } from "./middleware/authenticate.ts";
import { type AppLogger, toErrorResponse } from "./middleware/error-handler.ts";
import { readJsonBody } from "./middleware/read-json-body.ts";
import { buildOpenApi } from "./openapi/build-openapi.ts";
import { API_ROUTES } from "./routes/api-routes.ts";
import type { Caller, RouteServices, RouteSpec, ServerStore } from "./routes/route.ts";

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
  const services: RouteServices = {
    store: deps.store,
    now: deps.clock,
    rustTomlSyntaxError: deps.rustTomlSyntaxError ?? (async () => null),
  };
  const app = new Hono();
  const openApi = buildOpenApi(API_ROUTES);
  const nonces = createNonceCache();

  app.onError((error, c) => {
    const { status, body } = toErrorResponse(error, deps.logger);
    if (body.code === "unauthenticated") c.header("WWW-Authenticate", 'Bearer realm="warden"');
    return c.json(body, status as 400);
  });
  app.notFound((c) => c.json(new HttpError("not_found", `no route ${c.req.method} ${c.req.path}`).toBody(), 404));
  app.get("/openapi.json", (c) => c.json(openApi));

  for (const route of API_ROUTES) {
    app.on(route.method, route.path, async function handleRoute(c) {
      let caller: Caller | null = null;
      if (route.permission !== null) {
        caller = await authenticate(deps.store.credentials, c.req.header("authorization"), deps.clock());
        authorize(caller, route.permission);
      }
      const device =
        route.auth === "device"
          ? await authenticateDevice(deps.store.devices, c.req.raw, deps.clock(), nonces)
          : undefined;
      const body = route.body ? await readJsonBody(c.req.raw, route.body, limits.maxBodyBytes) : undefined;
      const output = await route.handle({
        body,
        params: c.req.param(),
        query: new URL(c.req.url).searchParams,
        caller,
        ...(device ? { device } : {}),
        header: (name) => c.req.header(name),
        services,
      });
      for (const [name, value] of Object.entries(output.headers ?? {})) c.header(name, value);
      if (output.status === 204 || output.status === 304) return c.body(null, output.status);
      return c.json(output.body as object, output.status);
    });
  }
  return app;
}
