import { generateKeyPairSync } from "node:crypto";
import { createSigningKey, ensureSigningKeys, listRoutes } from "@warden/server";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

type Who = "owner" | "admin" | "auditor" | "viewer" | "anonymous";
const WHO: readonly Who[] = ["owner", "admin", "auditor", "viewer", "anonymous"];

/** Ids of what {@link seed} creates: P is used by a rule, Q is free; G has a rule and member U, G2 is free; K is admin's key. */
interface Seeded {
  P: string;
  Q: string;
  G: string;
  G2: string;
  U: string;
  K: string;
  /** A fresh enrollment token for U. */
  T: string;
  /** A bundle signing key that is trusted but does not sign (promotable, retirable). */
  SK: string;
}

const DEVICE_KEY = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();

async function seed(h: ServerHarness): Promise<Seeded> {
  const made = async (path: string, body: unknown) => (await h.call("POST", path, { body })).json;
  const P = (await made("/v1/policies", { name: "p", requirementsToml: REQUIREMENTS })).policy.id;
  const Q = (await made("/v1/policies", { name: "q", requirementsToml: REQUIREMENTS })).policy.id;
  const G = (await made("/v1/groups", { name: "g" })).id;
  const G2 = (await made("/v1/groups", { name: "g2" })).id;
  const U = (await made("/v1/users", { name: "u" })).id;
  await h.call("PUT", `/v1/groups/${G}/members/${U}`);
  await h.call("PUT", "/v1/group-rules", { body: { rules: [{ groupId: G, policyId: P }] } });
  await h.call("PUT", `/v1/policies/${Q}`, { body: { requirementsToml: `${REQUIREMENTS}# v2\n` } });
  const K = (await h.call("GET", "/v1/api-keys", { token: h.tokens.admin })).json.data[0].id;
  const T = (await made("/v1/enrollment-tokens", { user: "u" })).token;
  await ensureSigningKeys(h.store.signingKeys);
  const SK = (await createSigningKey(h.store.signingKeys)).id;
  return { P, Q, G, G2, U, K, T, SK };
}

type Request = (s: Seeded) => { path: string; body?: unknown };
/** One row: the request, then the expected status for owner, admin, auditor, viewer, anonymous. */
type Row = [request: Request, owner: number, admin: number, auditor: number, viewer: number, anonymous: number];

const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const scimPatch = (...operations: unknown[]) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: operations,
});

const READ = [200, 200, 200, 200, 401] as const;
const WRITE = (ok: number) => [ok, ok, 403, 403, 401] as const;

/** The authorization matrix: every route × every role → the status it answers. */
const MATRIX: Record<string, Row> = {
  "GET /healthz": [() => ({ path: "/healthz" }), 200, 200, 200, 200, 200],
  "GET /openapi.json": [() => ({ path: "/openapi.json" }), 200, 200, 200, 200, 200],
  "GET /v1/policies": [() => ({ path: "/v1/policies" }), ...READ],
  "POST /v1/policies": [() => ({ path: "/v1/policies", body: { name: "new", requirementsToml: "" } }), ...WRITE(201)],
  "GET /v1/policies/:id": [(s) => ({ path: `/v1/policies/${s.P}` }), ...READ],
  "PUT /v1/policies/:id": [
    (s) => ({ path: `/v1/policies/${s.P}`, body: { requirementsToml: REQUIREMENTS } }),
    ...WRITE(200),
  ],
  "DELETE /v1/policies/:id": [(s) => ({ path: `/v1/policies/${s.Q}` }), ...WRITE(204)],
  "GET /v1/policies/:id/revisions": [(s) => ({ path: `/v1/policies/${s.Q}/revisions` }), ...READ],
  "GET /v1/policies/:id/revisions/:revision": [(s) => ({ path: `/v1/policies/${s.Q}/revisions/2` }), ...READ],
  "GET /v1/policies/:id/diff": [(s) => ({ path: `/v1/policies/${s.Q}/diff?from=1&to=2` }), ...READ],
  "POST /v1/policies/:id/rollback": [
    (s) => ({ path: `/v1/policies/${s.Q}/rollback`, body: { toRevision: 1 } }),
    ...WRITE(200),
  ],
  "GET /v1/users": [() => ({ path: "/v1/users" }), ...READ],
  "POST /v1/users": [() => ({ path: "/v1/users", body: { name: "new" } }), ...WRITE(201)],
  "GET /v1/users/:id": [(s) => ({ path: `/v1/users/${s.U}` }), ...READ],
  "DELETE /v1/users/:id": [(s) => ({ path: `/v1/users/${s.U}` }), ...WRITE(204)],
  "GET /v1/groups": [() => ({ path: "/v1/groups" }), ...READ],
  "POST /v1/groups": [() => ({ path: "/v1/groups", body: { name: "new" } }), ...WRITE(201)],
  "GET /v1/groups/:id": [(s) => ({ path: `/v1/groups/${s.G}` }), ...READ],
  "DELETE /v1/groups/:id": [(s) => ({ path: `/v1/groups/${s.G2}` }), ...WRITE(204)],
  "GET /v1/groups/:id/members": [(s) => ({ path: `/v1/groups/${s.G}/members` }), ...READ],
  "PUT /v1/groups/:id/members/:userId": [(s) => ({ path: `/v1/groups/${s.G2}/members/${s.U}` }), ...WRITE(204)],
  "DELETE /v1/groups/:id/members/:userId": [(s) => ({ path: `/v1/groups/${s.G}/members/${s.U}` }), ...WRITE(204)],
  "GET /v1/group-rules": [() => ({ path: "/v1/group-rules" }), ...READ],
  "PUT /v1/group-rules": [
    (s) => ({ path: "/v1/group-rules", body: { rules: [{ groupId: s.G2, policyId: s.Q }] } }),
    ...WRITE(200),
  ],
  "POST /v1/group-rules/reorder": [(s) => ({ path: "/v1/group-rules/reorder", body: { order: [s.G] } }), ...WRITE(200)],
  "GET /v1/default-policy": [() => ({ path: "/v1/default-policy" }), ...READ],
  "PUT /v1/default-policy": [(s) => ({ path: "/v1/default-policy", body: { policyId: s.Q } }), ...WRITE(200)],
  "POST /v1/simulate": [() => ({ path: "/v1/simulate", body: { user: "u", hostname: "h" } }), ...READ],
  "GET /v1/api-keys": [() => ({ path: "/v1/api-keys" }), ...WRITE(200)],
  "POST /v1/api-keys": [
    () => ({ path: "/v1/api-keys", body: { name: "ci", scopes: ["policies:read"] } }),
    ...WRITE(201),
  ],
  "DELETE /v1/api-keys/:id": [(s) => ({ path: `/v1/api-keys/${s.K}` }), ...WRITE(204)],
  "GET /v1/principals": [() => ({ path: "/v1/principals" }), ...WRITE(200)],
  "POST /v1/principals": [
    () => ({ path: "/v1/principals", body: { name: "new", role: "viewer" } }),
    201,
    403,
    403,
    403,
    401,
  ],
  "GET /v1/activity": [() => ({ path: "/v1/activity" }), 200, 200, 200, 403, 401],
  "POST /v1/enrollment-tokens": [() => ({ path: "/v1/enrollment-tokens", body: { user: "u" } }), ...WRITE(201)],
  // Authenticated by the one-time token in the body, whatever API key comes along.
  "POST /v1/devices/enroll": [
    (s) => ({
      path: "/v1/devices/enroll",
      body: {
        token: s.T,
        publicKeyPem: DEVICE_KEY,
        hostname: "h",
        platform: "linux-x64",
        osUser: "u",
        agentVersion: "0",
      },
    }),
    201,
    201,
    201,
    201,
    201,
  ],
  "GET /v1/signing-keys": [() => ({ path: "/v1/signing-keys" }), 200, 200, 200, 200, 200],
  "POST /v1/signing-keys": [() => ({ path: "/v1/signing-keys" }), ...WRITE(201)],
  "POST /v1/signing-keys/:id/promote": [(s) => ({ path: `/v1/signing-keys/${s.SK}/promote` }), ...WRITE(200)],
  "POST /v1/signing-keys/:id/retire": [(s) => ({ path: `/v1/signing-keys/${s.SK}/retire` }), ...WRITE(200)],
  // Only a device-signed request gets a session, and only it or a session a bundle; no API key does
  // (test/server/device-sessions.test.ts).
  "POST /v1/devices/self/session": [() => ({ path: "/v1/devices/self/session" }), 401, 401, 401, 401, 401],
  "GET /v1/devices/self/bundle": [() => ({ path: "/v1/devices/self/bundle" }), 401, 401, 401, 401, 401],
  // A device-signed request (test/server/device-ship.test.ts), or an API key with audit:write.
  "POST /v1/audit/events": [() => ({ path: "/v1/audit/events", body: { events: [] } }), ...WRITE(200)],
  "GET /v1/audit/events": [() => ({ path: "/v1/audit/events" }), 200, 200, 200, 403, 401],
  "GET /v1/audit/findings": [() => ({ path: "/v1/audit/findings" }), 200, 200, 200, 403, 401],
  // SCIM 2.0 provisioning: the `scim` permission (admin, owner), SCIM error bodies.
  "GET /scim/v2/ServiceProviderConfig": [() => ({ path: "/scim/v2/ServiceProviderConfig" }), ...WRITE(200)],
  "GET /scim/v2/ResourceTypes": [() => ({ path: "/scim/v2/ResourceTypes" }), ...WRITE(200)],
  "GET /scim/v2/ResourceTypes/:id": [() => ({ path: "/scim/v2/ResourceTypes/User" }), ...WRITE(200)],
  "GET /scim/v2/Schemas": [() => ({ path: "/scim/v2/Schemas" }), ...WRITE(200)],
  "GET /scim/v2/Schemas/:id": [() => ({ path: `/scim/v2/Schemas/${SCIM_USER}` }), ...WRITE(200)],
  "GET /scim/v2/Users": [() => ({ path: '/scim/v2/Users?filter=userName%20eq%20"u"' }), ...WRITE(200)],
  "POST /scim/v2/Users": [
    () => ({ path: "/scim/v2/Users", body: { schemas: [SCIM_USER], userName: "new@example.com" } }),
    ...WRITE(201),
  ],
  "GET /scim/v2/Users/:id": [(s) => ({ path: `/scim/v2/Users/${s.U}` }), ...WRITE(200)],
  "PUT /scim/v2/Users/:id": [
    (s) => ({ path: `/scim/v2/Users/${s.U}`, body: { schemas: [SCIM_USER], userName: "u", displayName: "U" } }),
    ...WRITE(200),
  ],
  "PATCH /scim/v2/Users/:id": [
    (s) => ({ path: `/scim/v2/Users/${s.U}`, body: scimPatch({ op: "replace", value: { active: false } }) }),
    ...WRITE(200),
  ],
  "DELETE /scim/v2/Users/:id": [(s) => ({ path: `/scim/v2/Users/${s.U}` }), ...WRITE(204)],
  "GET /scim/v2/Groups": [() => ({ path: "/scim/v2/Groups?excludedAttributes=members" }), ...WRITE(200)],
  "POST /scim/v2/Groups": [
    () => ({ path: "/scim/v2/Groups", body: { schemas: [SCIM_GROUP], displayName: "new" } }),
    ...WRITE(201),
  ],
  "GET /scim/v2/Groups/:id": [(s) => ({ path: `/scim/v2/Groups/${s.G}` }), ...WRITE(200)],
  "PUT /scim/v2/Groups/:id": [
    (s) => ({ path: `/scim/v2/Groups/${s.G2}`, body: { schemas: [SCIM_GROUP], displayName: "g2", members: [] } }),
    ...WRITE(200),
  ],
  "PATCH /scim/v2/Groups/:id": [
    (s) => ({
      path: `/scim/v2/Groups/${s.G2}`,
      body: scimPatch({ op: "add", path: "members", value: [{ value: s.U }] }),
    }),
    ...WRITE(200),
  ],
  // G2 has no group rule (deleting G would be 409).
  "DELETE /scim/v2/Groups/:id": [(s) => ({ path: `/scim/v2/Groups/${s.G2}` }), ...WRITE(204)],
};

describe("authorization matrix", () => {
  it("has a row for every registered route", () => {
    const registered = [...listRoutes().map((route) => `${route.method} ${route.path}`), "GET /openapi.json"];
    expect(Object.keys(MATRIX).sort()).toEqual(registered.sort());
  });

  const cells = Object.entries(MATRIX).flatMap(([route, [request, ...statuses]]) =>
    WHO.map((who, index) => ({ route, request, who, expected: statuses[index]! })),
  );

  it.each(cells)("$route as $who → $expected", async ({ route, request, who, expected }) => {
    const h = await startServerHarness();
    try {
      const seeded = await seed(h);
      const { path, body } = request(seeded);
      const method = route.split(" ")[0]!;
      const response = await h.call(method, path, { token: who === "anonymous" ? null : h.tokens[who], body });
      expect(response.status, JSON.stringify(response.json)).toBe(expected);
      if (expected === 401) expect(response.headers.get("www-authenticate")).toContain("Bearer");
      if (expected >= 400)
        expect(response.json).toMatchObject(
          path.startsWith("/scim/")
            ? { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(expected) }
            : { code: expect.any(String), message: expect.any(String) },
        );
    } finally {
      await h.close();
    }
  });
});
