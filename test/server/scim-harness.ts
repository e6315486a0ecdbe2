// Shared by the SCIM tests: a fresh server per test with the identity provider's client, and SCIM's URNs.
import { afterEach, beforeEach, expect } from "vitest";
import { addPrincipalKey, type ServerHarness, startServerHarness } from "./server-harness.ts";

export const SCIM_JSON = "application/scim+json";
export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** A PatchOp body. */
export const patch = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
/** A `filter=` query parameter. */
export const filter = (text: string) => `filter=${encodeURIComponent(text)}`;

/** A SCIM client: requests under /scim/v2 with `token`, bodies as `application/scim+json`, SCIM answers checked. */
export type ScimClient = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => ReturnType<ServerHarness["call"]>;

/** The identity provider's client: an admin principal's key scoped to `scim` alone. */
async function identityProvider(h: ServerHarness): Promise<{ key: string; scim: ScimClient }> {
  const key = await addPrincipalKey(h.store, "idp", "admin", ["scim"]);
  const client: ScimClient = async (method, path, body, headers = {}) => {
    const response = await h.call(method, `/scim/v2${path}`, {
      token: key,
      ...(body === undefined ? {} : { body }),
      headers: { ...(body === undefined ? {} : { "content-type": `${SCIM_JSON}; charset=utf-8` }), ...headers },
    });
    if (response.status !== 204 && response.status !== 304) {
      expect(response.headers.get("content-type")).toContain(SCIM_JSON);
    }
    return response;
  };
  return { key, scim: client };
}

/** The current test's server, identity provider key and client: set before each test by {@link useScimServer}. */
export let h: ServerHarness;
export let idpKey: string;
export let scim: ScimClient;

/** Gives each test of the calling file a fresh server and identity provider (`h`, `idpKey`, `scim`), closed after it. */
export function useScimServer(): void {
  beforeEach(async () => {
    h = await startServerHarness();
    ({ key: idpKey, scim } = await identityProvider(h));
  });
  afterEach(() => h.close());
}
