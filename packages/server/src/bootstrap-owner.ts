import type { CredentialRepository } from "@warden/core";
import { apiKeyDisplayPrefix, generateApiKeySecret, hashApiKeySecret } from "./auth/api-key-secret.ts";
import { ALL_SCOPES } from "./auth/permissions.ts";

/** The shortest bootstrap token accepted from the environment. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 20;

/** What bootstrapping did: nothing (an owner exists), or created the owner with a given or generated token. */
export type BootstrapOutcome =
  | { readonly kind: "existing" }
  | { readonly kind: "created"; readonly ownerName: string; readonly token: string; readonly generated: boolean };

/**
 * On the first start (no owner yet) creates the `owner` principal and its API key: the token from
 * `WARDEN_BOOTSTRAP_TOKEN` when given, else a generated one the caller prints once. Only the
 * token's hash is stored. Later starts change nothing.
 */
export async function bootstrapOwner(
  credentials: CredentialRepository,
  options: { token?: string | undefined; ownerName?: string },
): Promise<BootstrapOutcome> {
  if ((await credentials.countPrincipalsWithRole("owner")) > 0) return { kind: "existing" };
  const given = options.token?.trim() || undefined;
  if (given !== undefined && given.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    throw new Error(`WARDEN_BOOTSTRAP_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`);
  }
  const token = given ?? generateApiKeySecret();
  const ownerName = options.ownerName ?? "owner";
  const principal = await credentials.createPrincipal({ name: ownerName, role: "owner" });
  if ("conflict" in principal) throw new Error(`a principal named ${ownerName} exists but is not an owner`);
  await credentials.createApiKey({
    principalId: principal.id,
    name: "bootstrap",
    prefix: apiKeyDisplayPrefix(token),
    secretHash: hashApiKeySecret(token),
    scopes: [ALL_SCOPES],
  });
  return { kind: "created", ownerName, token, generated: given === undefined };
}
