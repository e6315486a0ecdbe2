import { type ApiKeyRow, type PrincipalRow, ROLES } from "@warden/core";
import { apiKeyDisplayPrefix, generateApiKeySecret, hashApiKeySecret } from "../auth/api-key-secret.ts";
import { ALL_SCOPES, effectivePermissions, PERMISSIONS } from "../auth/permissions.ts";
import { HttpError, notFound } from "../http-error.ts";
import { array, nullable, object, oneOf, optional, string } from "../schema/schema.ts";
import { NAME } from "./policy-routes.ts";
import { type Caller, callerOf, created, defineRoute, noContent, ok } from "./route.ts";

/** An API key as the API shows it: never its secret or hash. */
export function publicApiKey({ secretHash: _, ...key }: ApiKeyRow) {
  return key;
}

/** A principal as the API shows it: never its password hash. */
export function publicPrincipal({ passwordHash: _, ...principal }: PrincipalRow) {
  return principal;
}

const ISO_INSTANT = string({ maxLength: 40, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/ });

/** Refuses a key that could do more than the key creating it. */
function checkScopes(caller: Caller, scopes: readonly string[]): void {
  const wanted = effectivePermissions(caller.principal.role, scopes);
  const beyond = [...wanted].filter((permission) => !caller.permissions.has(permission));
  if (beyond.length > 0) {
    throw new HttpError("forbidden", `a key cannot grant more than the key creating it: ${beyond.join(", ")}`, {
      beyond,
    });
  }
}

const apiKeyRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/api-keys",
    summary: "API keys: the caller's own (an owner sees every key)",
    tag: "credentials",
    permission: "api-keys:read",
    success: { status: 200, description: "{data: keys}" },
    async handle(input) {
      const caller = callerOf(input);
      const principalId = caller.principal.role === "owner" ? undefined : caller.principal.id;
      const keys = await input.services.store.credentials.listApiKeys(principalId);
      return ok({ data: keys.map(publicApiKey), nextCursor: null });
    },
  }),
  defineRoute({
    method: "POST",
    path: "/v1/api-keys",
    summary: "Create an API key for the caller; the secret is in this response only",
    tag: "credentials",
    permission: "api-keys:write",
    body: object({
      name: string({ minLength: 1, maxLength: 100 }),
      scopes: array(oneOf([ALL_SCOPES, ...PERMISSIONS]), { maxItems: 20 }),
      expiresAt: optional(nullable(ISO_INSTANT)),
    }),
    success: { status: 201, description: "{apiKey, secret}" },
    async handle(input) {
      const { body, services } = input;
      const caller = callerOf(input);
      checkScopes(caller, body.scopes);
      const secret = generateApiKeySecret();
      const key = await services.store.transaction(async (tx) => {
        const row = await tx.credentials.createApiKey({
          principalId: caller.principal.id,
          name: body.name,
          prefix: apiKeyDisplayPrefix(secret),
          secretHash: hashApiKeySecret(secret),
          scopes: body.scopes,
          expiresAt: body.expiresAt ?? null,
        });
        await tx.activity.appendActivity({
          actor: caller.actor,
          action: "api_key.create",
          targetType: "api_key",
          targetId: row.id,
          beforeRevision: null,
          afterRevision: null,
          details: { name: row.name, scopes: row.scopes },
        });
        return row;
      });
      return created({ apiKey: publicApiKey(key), secret });
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/api-keys/:id",
    summary: "Revoke an API key (one's own; an owner may revoke any)",
    tag: "credentials",
    permission: "api-keys:write",
    errors: ["not_found"],
    success: { status: 204, description: "revoked" },
    async handle(input) {
      const { params, services } = input;
      const caller = callerOf(input);
      await services.store.transaction(async (tx) => {
        const mine = caller.principal.role === "owner" ? undefined : caller.principal.id;
        const key = (await tx.credentials.listApiKeys(mine)).find((row) => row.id === params.id);
        if (!key || !(await tx.credentials.revokeApiKey(key.id, services.now().toISOString())))
          throw notFound("API key", params.id!);
        await tx.activity.appendActivity({
          actor: caller.actor,
          action: "api_key.revoke",
          targetType: "api_key",
          targetId: key.id,
          beforeRevision: null,
          afterRevision: null,
          details: { name: key.name },
        });
      });
      return noContent();
    },
  }),
];

const principalRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/principals",
    summary: "Console and API principals with their roles",
    tag: "credentials",
    permission: "principals:read",
    success: { status: 200, description: "{data: principals}" },
    handle: async ({ services }) =>
      ok({ data: (await services.store.credentials.listPrincipals()).map(publicPrincipal), nextCursor: null }),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/principals",
    summary: "Create a principal with a role and a first API key (all its role allows); the secret is shown once",
    tag: "credentials",
    permission: "principals:write",
    body: object({ name: NAME, role: oneOf(ROLES) }),
    errors: ["conflict"],
    success: { status: 201, description: "{principal, apiKey, secret}" },
    async handle(input) {
      const { body, services } = input;
      const caller = callerOf(input);
      const secret = generateApiKeySecret();
      const made = await services.store.transaction(async (tx) => {
        const principal = await tx.credentials.createPrincipal({ name: body.name, role: body.role });
        if ("conflict" in principal) throw new HttpError("conflict", `a principal named ${body.name} already exists`);
        const apiKey = await tx.credentials.createApiKey({
          principalId: principal.id,
          name: "initial",
          prefix: apiKeyDisplayPrefix(secret),
          secretHash: hashApiKeySecret(secret),
          scopes: [ALL_SCOPES],
        });
        await tx.activity.appendActivity({
          actor: caller.actor,
          action: "principal.create",
          targetType: "principal",
          targetId: principal.id,
          beforeRevision: null,
          afterRevision: null,
          details: { name: principal.name, role: principal.role },
        });
        return { principal: publicPrincipal(principal), apiKey: publicApiKey(apiKey) };
      });
      return created({ ...made, secret });
    },
  }),
];

/** API keys and principals. */
export const CREDENTIAL_ROUTES = [...apiKeyRoutes, ...principalRoutes];
