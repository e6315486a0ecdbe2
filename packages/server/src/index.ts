// The public surface of @warden/server: the HTTP app (never listens), its route table and bootstrap.

export { type AppDeps, type AppLimits, createApp, DEFAULT_LIMITS, listRoutes } from "./app.ts";
export { hashApiKeySecret } from "./auth/api-key-secret.ts";
export { DEVICE_SESSION_LIFETIME_MS } from "./auth/device-session.ts";
export { PERMISSIONS, type Permission, ROLE_PERMISSIONS } from "./auth/permissions.ts";
export { type BootstrapOutcome, bootstrapOwner } from "./bootstrap-owner.ts";
export { createSigningKey, ensureSigningKeys } from "./bundles/ensure-signing-key.ts";
export { purgeRetiredPrivateKeys } from "./bundles/signing-keyring.ts";
export { type ErrorBodyV1, HTTP_ERROR_STATUS, type HttpErrorCode } from "./http-error.ts";
export type { AppLogger } from "./middleware/error-handler.ts";
export { openApiPath } from "./openapi/build-openapi.ts";
export type { RouteSpec, ServerStore } from "./routes/route.ts";
