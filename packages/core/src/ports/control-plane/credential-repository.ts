/** Console and API roles, from most to least privileged. */
export type Role = "owner" | "admin" | "auditor" | "viewer";

/** Every role, most privileged first. */
export const ROLES: readonly Role[] = ["owner", "admin", "auditor", "viewer"];

/** Someone who administers Warden (console login or API key owner). */
export interface PrincipalRow {
  readonly id: string;
  /** Unique login, usually an email. */
  readonly name: string;
  readonly role: Role;
  /** A password hash produced by the server (scrypt string), or null for API-key-only principals. */
  readonly passwordHash: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** An API key; only a hash of its secret is stored. */
export interface ApiKeyRow {
  readonly id: string;
  readonly principalId: string;
  readonly name: string;
  /** The first characters of the key, shown in listings to recognise it. */
  readonly prefix: string;
  /** sha256 hex (or another server-chosen hash) of the whole secret; unique. */
  readonly secretHash: string;
  /** e.g. `policies:write`, `audit:read`; the server decides their meaning. */
  readonly scopes: string[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** Principals (with roles) and their API keys. */
export interface CredentialRepository {
  createPrincipal(input: {
    name: string;
    role: Role;
    passwordHash?: string | null;
  }): Promise<PrincipalRow | { conflict: "name_taken" }>;
  getPrincipal(id: string): Promise<PrincipalRow | null>;
  getPrincipalByName(name: string): Promise<PrincipalRow | null>;
  listPrincipals(): Promise<PrincipalRow[]>;
  /** Changes role, password hash or disabled state; null when not found. */
  updatePrincipal(
    id: string,
    patch: { role?: Role; passwordHash?: string | null; disabledAt?: string | null },
  ): Promise<PrincipalRow | null>;
  countPrincipalsWithRole(role: Role): Promise<number>;

  createApiKey(input: {
    principalId: string;
    name: string;
    prefix: string;
    secretHash: string;
    scopes: readonly string[];
    expiresAt?: string | null;
  }): Promise<ApiKeyRow>;
  /** The key with this secret hash and its principal, whatever its state (the caller checks revoked/expired/disabled). */
  findApiKeyBySecretHash(secretHash: string): Promise<{ key: ApiKeyRow; principal: PrincipalRow } | null>;
  listApiKeys(principalId?: string): Promise<ApiKeyRow[]>;
  touchApiKey(id: string, usedAt: string): Promise<void>;
  /** Sets `revokedAt` (once); false when not found. */
  revokeApiKey(id: string, revokedAt: string): Promise<boolean>;
}
