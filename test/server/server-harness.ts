import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "@warden/core";
import { type AppDeps, bootstrapOwner, createApp, hashApiKeySecret } from "@warden/server";
import { type OpenStoreOptions, openStore, type Store } from "@warden/store";
import { afterEach, beforeEach } from "vitest";
import { TestDatabases, type TestDialect } from "../store/store-targets.ts";

/** The fixed instant every test app runs at. */
export const NOW = new Date("2026-03-01T12:00:00.000Z");

/** An app over a real SQLite store in a temp dir, with one API key per role. */
export interface ServerHarness {
  readonly app: ReturnType<typeof createApp>;
  readonly store: Store;
  /** role → a `*`-scoped API key of a principal with that role. */
  readonly tokens: Readonly<Record<Role, string>>;
  readonly logged: string[];
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  ): Promise<{ status: number; json: any; headers: Headers }>;
  close(): Promise<void>;
}

/** Adds a principal with `role` and a key with `scopes`; returns the key's secret. */
export async function addPrincipalKey(store: Store, name: string, role: Role, scopes: string[]): Promise<string> {
  let principal = await store.credentials.getPrincipalByName(name);
  if (principal === null) {
    const row = await store.credentials.createPrincipal({ name, role });
    if ("conflict" in row) throw new Error(`principal ${name}: conflict`);
    principal = row;
  }
  const secret = `wk_test_${name}_${scopes.join("+")}_0123456789`;
  await store.credentials.createApiKey({
    principalId: principal.id,
    name: `${name} key`,
    prefix: secret.slice(0, 9),
    secretHash: hashApiKeySecret(secret),
    scopes,
  });
  return secret;
}

/**
 * Opens a store in a fresh temp dir (or at `location`: an empty database another test made),
 * bootstraps the owner, adds admin/auditor/viewer keys and builds the app.
 */
export async function startServerHarness(
  overrides: Partial<AppDeps> = {},
  location?: OpenStoreOptions,
): Promise<ServerHarness> {
  const dataDir = location?.dataDir ?? mkdtempSync(join(tmpdir(), "warden-server-"));
  const store = await openStore(location ?? { dataDir });
  const ownerToken = "wk_test_owner_bootstrap_token_0123456789";
  await bootstrapOwner(store.credentials, { token: ownerToken });
  const tokens: Record<Role, string> = {
    owner: ownerToken,
    admin: await addPrincipalKey(store, "admin", "admin", ["*"]),
    auditor: await addPrincipalKey(store, "auditor", "auditor", ["*"]),
    viewer: await addPrincipalKey(store, "viewer", "viewer", ["*"]),
  };
  const logged: string[] = [];
  const app = createApp({
    store,
    clock: () => NOW,
    logger: { error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields ?? {})}`) },
    ...overrides,
  });
  return {
    app,
    store,
    tokens,
    logged,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? tokens.owner : options.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !("content-type" in headers)) headers["content-type"] = "application/json";
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return { status: response.status, json: text === "" ? null : JSON.parse(text), headers: response.headers };
    },
    async close() {
      await store.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A requirements.toml Codex accepts. */
export const REQUIREMENTS =
  'allowed_approval_policies = ["on-request", "never"]\nallowed_sandbox_modes = ["read-only"]\n';
/** A requirements.toml Codex refuses (an unknown sandbox mode). */
export const BAD_REQUIREMENTS = 'allowed_sandbox_modes = ["sometimes"]\n';

/** What {@link harnessPerTest} gives each test: the harness, and the instant its clock reads. */
export interface PerTestHarness {
  h: ServerHarness;
  now: Date;
}

/**
 * For each test of the calling describe block (none when `skip`): a fresh `dialect` database and a
 * harness over it whose clock reads `t.now` (set to {@link NOW} as each test starts); both are
 * closed and dropped after the test.
 */
export function harnessPerTest(dialect: TestDialect, skip: boolean): PerTestHarness {
  const databases = new TestDatabases(dialect);
  const t = { now: NOW } as PerTestHarness;
  beforeEach(async () => {
    if (skip) return;
    t.now = NOW;
    t.h = await startServerHarness({ clock: () => t.now }, await databases.create());
  }, 30_000);
  afterEach(async () => {
    if (skip) return;
    await t.h.close();
    await databases.dropAll();
  }, 30_000);
  return t;
}
