import type { ActorRef, ApiKeyRow, ControlPlaneStore, DeviceRow, PrincipalRow } from "@warden/core";
import type { DeviceSessions } from "../auth/device-session.ts";
import type { Permission } from "../auth/permissions.ts";
import type { DeviceBundleCache } from "../bundles/device-bundle-cache.ts";
import type { Schema } from "../schema/schema.ts";

/** Who is calling: the principal, the API key it presented and what that key may do. */
export interface Caller {
  readonly principal: PrincipalRow;
  readonly apiKey: ApiKeyRow;
  readonly permissions: ReadonlySet<Permission>;
  /** How this caller is named in revisions and the activity log. */
  readonly actor: ActorRef;
}

/** The repositories the routes use (a transaction gives the same shape). */
export type ServerStore = Pick<
  ControlPlaneStore,
  | "policies"
  | "directory"
  | "credentials"
  | "activity"
  | "audit"
  | "devices"
  | "signingKeys"
  | "bundles"
  | "transaction"
  | "dialect"
>;

/** What a route's handler needs beyond its request: the store and the clock. */
export interface RouteServices {
  readonly store: ServerStore;
  readonly now: () => Date;
  readonly rustTomlSyntaxError: (text: string) => Promise<string | null>;
  /** What unchanged bundles' ETags are computed from, per device (one per app). */
  readonly bundleCache: DeviceBundleCache;
  /** Issues and checks device sessions (one per app, the secret read once). */
  readonly deviceSessions: DeviceSessions;
}

/** A handler's input: the checked body, path parameters, the query string and the caller. */
export interface RouteInput<B> {
  readonly body: B;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Null only on public routes. */
  readonly caller: Caller | null;
  /** The device that signed the request (or whose session authenticated it), on device-authenticated routes only. */
  readonly device?: DeviceRow;
  /** A request header (lower-case name), or undefined. */
  readonly header?: (name: string) => string | undefined;
  /** The request's URL (resources that name their own URI, e.g. SCIM's `meta.location`). */
  readonly url?: URL;
  readonly services: RouteServices;
}

/** A handler's answer: a status, a JSON body (null for 204 and 304) and extra response headers. */
export interface RouteOutput {
  readonly status: 200 | 201 | 204 | 304;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A query parameter a route reads, as documented in OpenAPI. */
export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  readonly type: "string" | "integer";
}

/** One route: method, path, what it needs, its body validator, and its handler. The app and OpenAPI both read this. */
export interface RouteSpec<B = unknown> {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A hono path (`/v1/policies/:id`). */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** The permission the caller needs; null for a public route (or one that authenticates otherwise, see `auth`). */
  readonly permission: Permission | null;
  /**
   * `device`: the request must be signed by an enrolled device's key (core's device-request.ts).
   * `device-or-api-key`: a request carrying the device signature headers is authenticated as that
   * device (the handler gets `device`, `caller` is null); any other needs an API key with `permission`.
   * `device-or-session`: device-signed, or authenticated by a device session
   * (`Authorization: WardenSession`, see auth/device-session.ts). GET routes only: a session
   * request's nonce is not tracked, so only a read-only, idempotent route may accept one.
   */
  readonly auth?: "device" | "device-or-api-key" | "device-or-session";
  readonly body?: Schema<B>;
  /**
   * `scim`: a SCIM 2.0 route (RFC 7644): bodies may also be `application/scim+json`, answers are
   * `application/scim+json`, and errors are SCIM error bodies (`src/scim/scim-error.ts`).
   */
  readonly dialect?: "scim";
  readonly query?: readonly QueryParameter[];
  /** The success status and what it returns. */
  readonly success: { readonly status: 200 | 201 | 204; readonly description: string };
  /** Error codes the route itself can answer with, besides the ones every route can (documented in OpenAPI). */
  readonly errors?: readonly ("not_found" | "conflict" | "policy_invalid" | "unauthenticated" | "gone")[];
  handle(input: RouteInput<B>): Promise<RouteOutput>;
}

/** Declares a route with its body type inferred from its validator. */
export function defineRoute<B = undefined>(spec: RouteSpec<B>): RouteSpec<unknown> {
  return spec as RouteSpec<unknown>;
}

/** A 200 with a JSON body. */
export const ok = (body: unknown): RouteOutput => ({ status: 200, body });
/** A 201 with the created resource. */
export const created = (body: unknown): RouteOutput => ({ status: 201, body });
/** A 204 with no body. */
export const noContent = (): RouteOutput => ({ status: 204, body: null });

/** The caller of a route that requires a permission (never null there). */
export function callerOf(input: RouteInput<unknown>): Caller {
  if (input.caller === null) throw new Error("route declared public but reads its caller");
  return input.caller;
}

/** The device of a device-authenticated route (never absent there). */
export function deviceOf(input: RouteInput<unknown>): DeviceRow {
  if (input.device === undefined) throw new Error("device route called without device authentication");
  return input.device;
}
