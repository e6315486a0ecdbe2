import { listRoutes, openApiPath } from "@warden/server";
import { afterEach, describe, expect, it } from "vitest";
import { addPrincipalKey, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

let h: ServerHarness;
afterEach(async () => {
  await h.close();
});

describe("bad input", () => {
  it("answers 413 for a body over the limit, declared or not", async () => {
    h = await startServerHarness({ limits: { maxBodyBytes: 100 } });
    const big = { name: "x", requirementsToml: "#".repeat(200) };
    const declared = await h.call("POST", "/v1/policies", { body: big });
    expect(declared.status).toBe(413);
    expect(declared.json).toEqual({
      code: "payload_too_large",
      message: "the request body is larger than the limit of 100 bytes",
      details: { limitBytes: 100 },
    });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
        controller.close();
      },
    });
    const chunked = await h.app.request("/v1/policies", {
      method: "POST",
      headers: { authorization: `Bearer ${h.tokens.owner}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("answers 400 malformed_json, 415 for another content type, 400 with every issue for unknown or wrong fields", async () => {
    h = await startServerHarness();
    const malformed = await h.call("POST", "/v1/groups", { rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe("malformed_json");
    const text = await h.call("POST", "/v1/groups", { rawBody: "name=g", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expect(text.json.code).toBe("unsupported_media_type");
    const unknown = await h.call("POST", "/v1/groups", { body: { name: "g", colour: "red" } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      code: "invalid_request",
      message: "colour: unknown field",
      details: { issues: [{ path: "colour", message: "unknown field" }] },
    });
    const wrong = await h.call("POST", "/v1/policies", { body: { name: "has space", requirementsToml: 3 } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.details.issues.map((issue: { path: string }) => issue.path)).toEqual([
      "name",
      "requirementsToml",
    ]);
    const notObject = await h.call("POST", "/v1/groups", { body: [1] });
    expect(notObject.json.message).toBe("body: expected an object, got an array");
  });

  it("answers 404 for unknown ids and routes", async () => {
    h = await startServerHarness();
    for (const path of ["/v1/policies/nope", "/v1/users/nope", "/v1/groups/nope", "/v1/nothing-here"]) {
      const response = await h.call("GET", path);
      expect(response.status, path).toBe(404);
      expect(response.json.code).toBe("not_found");
    }
  });

  it("answers 401 for a missing, unknown, revoked or expired key and 403 beyond a key's scopes", async () => {
    h = await startServerHarness();
    expect((await h.call("GET", "/v1/policies", { token: "wk_unknown" })).status).toBe(401);
    expect((await h.call("GET", "/v1/policies", { headers: { authorization: "Basic abc" }, token: null })).status).toBe(
      401,
    );
    const readOnly = await addPrincipalKey(h.store, "admin", "admin", ["policies:read"]);
    expect((await h.call("GET", "/v1/policies", { token: readOnly })).status).toBe(200);
    const denied = await h.call("POST", "/v1/groups", { token: readOnly, body: { name: "g" } });
    expect(denied.status).toBe(403);
    expect(denied.json.details).toEqual({ required: "directory:write", role: "admin" });
    // A narrowed key cannot mint a broader one.
    const minted = await h.call("POST", "/v1/api-keys", { token: h.tokens.admin, body: { name: "k", scopes: ["*"] } });
    expect(minted.status).toBe(201);
    expect(minted.json.secret).toMatch(/^wk_/);
    expect(minted.json.apiKey).not.toHaveProperty("secretHash");
    const narrow = await h.call("POST", "/v1/api-keys", {
      token: minted.json.secret,
      body: { name: "n", scopes: ["policies:read"] },
    });
    const escalate = await h.call("POST", "/v1/api-keys", {
      token: narrow.json.secret,
      body: { name: "e", scopes: ["*"] },
    });
    expect(escalate.status).toBe(403);
    expect((await h.call("DELETE", `/v1/api-keys/${minted.json.apiKey.id}`, { token: h.tokens.admin })).status).toBe(
      204,
    );
    expect((await h.call("GET", "/v1/policies", { token: minted.json.secret })).status).toBe(401);
    const expired = await h.call("POST", "/v1/api-keys", {
      body: { name: "old", scopes: ["*"], expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect((await h.call("GET", "/v1/policies", { token: expired.json.secret })).status).toBe(401);
  });

  it("answers 503 storage_unavailable, with no stack, when the database is closed under the app", async () => {
    h = await startServerHarness();
    await h.call("POST", "/v1/policies", { body: { name: "p", requirementsToml: REQUIREMENTS } });
    await h.store.close();
    for (const [method, path] of [
      ["GET", "/healthz"],
      ["GET", "/v1/policies"],
    ] as const) {
      const response = await h.call(method, path);
      expect(response.status, path).toBe(503);
      expect(response.json).toEqual({
        code: "storage_unavailable",
        message: "the database is unavailable; try again later",
      });
    }
    expect(h.logged.length).toBeGreaterThan(0);
  });
});

describe("GET /openapi.json", () => {
  it("describes every registered route with its permission and body schema", async () => {
    h = await startServerHarness();
    const response = await h.call("GET", "/openapi.json", { token: null });
    expect(response.status).toBe(200);
    const doc = response.json;
    expect(doc.openapi).toBe("3.1.0");
    for (const route of listRoutes()) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.permission) expect(operation["x-warden-permission"]).toBe(route.permission);
      if (route.body) expect(operation.requestBody.content["application/json"].schema).toEqual(route.body.json);
    }
    const create = doc.paths["/v1/policies"].post.requestBody.content["application/json"].schema;
    expect(create).toMatchObject({ additionalProperties: false, required: ["name", "requirementsToml"] });
  });
});
