// SCIM 2.0 bad input: every refusal is a SCIM error body with the right status and scimType, and
// leaves the directory and the activity log exactly as they were.
import { describe, expect, it } from "vitest";
import { ERROR, filter, GROUP, h, idpKey, patch, SCIM_JSON, scim, USER, useScimServer } from "./scim-harness.ts";

useScimServer();

describe("SCIM bad input: the right SCIM error, and nothing changed", () => {
  /** A user and group to aim at, and a snapshot of everything a bad request must leave alone. */
  async function seed() {
    const user = await scim("POST", "/Users", {
      schemas: [USER],
      userName: "skinner@example.com",
      emails: [{ value: "skinner@example.com", type: "work", primary: true }],
    });
    const group = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "ops",
      members: [{ value: user.json.id }],
    });
    return { userId: user.json.id as string, groupId: group.json.id as string };
  }
  async function snapshot() {
    const users = await h.call("GET", "/v1/users");
    const groups = await h.call("GET", "/v1/groups");
    const log = await h.call("GET", "/v1/activity?limit=1000");
    const members = [];
    for (const group of groups.json.data)
      members.push((await h.call("GET", `/v1/groups/${group.id}/members`)).json.data);
    return { users: users.json.data, groups: groups.json.data, members, log: log.json.data.length };
  }

  const cases: [
    name: string,
    request: (s: { userId: string; groupId: string }) => [string, string, unknown?],
    status: number,
    scimType: string | null,
  ][] = [
    ["malformed JSON", () => ["POST", "/Users", '{"schemas": ['], 400, "invalidSyntax"],
    ["a body that is not an object", (s) => ["PATCH", `/Users/${s.userId}`, "[1, 2]"], 400, "invalidSyntax"],
    [
      "an unknown op",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "merge", path: "displayName", value: "x" })],
      400,
      "invalidSyntax",
    ],
    [
      "a PatchOp without the PatchOp schema",
      (s) => [
        "PATCH",
        `/Users/${s.userId}`,
        { schemas: [USER], Operations: [{ op: "add", path: "displayName", value: "x" }] },
      ],
      400,
      "invalidSyntax",
    ],
    ["no operations", (s) => ["PATCH", `/Users/${s.userId}`, patch()], 400, "invalidSyntax"],
    [
      "a path naming no attribute",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", path: "name.nickname", value: "x" })],
      400,
      "invalidPath",
    ],
    [
      "an unknown attribute",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", path: "favoriteColor", value: "x" })],
      400,
      "invalidPath",
    ],
    [
      "a broken value filter",
      (s) => ["PATCH", `/Groups/${s.groupId}`, patch({ op: "remove", path: 'members[value eq "x"' })],
      400,
      "invalidPath",
    ],
    ["a remove without a path", (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "remove" })], 400, "noTarget"],
    [
      "a replace whose filter matches nothing it could create",
      (s) => [
        "PATCH",
        `/Users/${s.userId}`,
        patch({ op: "replace", path: 'emails[value co "nobody"].type', value: "home" }),
      ],
      400,
      "noTarget",
    ],
    [
      "a read-only attribute",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", path: "groups", value: [] })],
      400,
      "mutability",
    ],
    [
      "a changed id",
      (s) => ["PUT", `/Users/${s.userId}`, { schemas: [USER], id: "other", userName: "skinner@example.com" }],
      400,
      "mutability",
    ],
    [
      "active that is not a boolean",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", path: "active", value: "maybe" })],
      400,
      "invalidValue",
    ],
    [
      "a userName that is not a string",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", value: { userName: 42 } })],
      400,
      "invalidValue",
    ],
    [
      "emails that are not a list",
      (s) => ["PUT", `/Users/${s.userId}`, { schemas: [USER], userName: "skinner@example.com", emails: "a@b" }],
      400,
      "invalidValue",
    ],
    [
      "two primary emails",
      (s) => [
        "PATCH",
        `/Users/${s.userId}`,
        patch({ op: "add", path: "emails", value: [{ value: "x@y", primary: true }] }),
      ],
      400,
      "invalidValue",
    ],
    ["a missing userName", () => ["POST", "/Users", { schemas: [USER], displayName: "Nobody" }], 400, "invalidValue"],
    [
      "an unknown schema",
      () => ["POST", "/Users", { schemas: [USER, "urn:example:custom"], userName: "new@example.com" }],
      400,
      "invalidSyntax",
    ],
    ["no schemas", () => ["POST", "/Users", { userName: "new@example.com" }], 400, "invalidSyntax"],
    [
      "an unknown body attribute",
      () => ["POST", "/Users", { schemas: [USER], userName: "new@example.com", shoeSize: 9 }],
      400,
      "invalidSyntax",
    ],
    [
      "a duplicate userName, in another case",
      () => ["POST", "/Users", { schemas: [USER], userName: "SKINNER@example.com" }],
      409,
      "uniqueness",
    ],
    [
      "a duplicate group displayName, in another case",
      () => ["POST", "/Groups", { schemas: [GROUP], displayName: "OPS" }],
      409,
      "uniqueness",
    ],
    [
      "a member that is no user",
      (s) => ["PATCH", `/Groups/${s.groupId}`, patch({ op: "add", path: "members", value: [{ value: "ghost" }] })],
      400,
      "invalidValue",
    ],
    [
      "a nested group",
      (s) => [
        "PATCH",
        `/Groups/${s.groupId}`,
        patch({ op: "add", path: "members", value: [{ value: s.groupId, type: "Group" }] }),
      ],
      400,
      "invalidValue",
    ],
    [
      "a later bad operation (the earlier ones are undone)",
      (s) => [
        "PATCH",
        `/Users/${s.userId}`,
        patch({ op: "replace", path: "displayName", value: "Walter" }, { op: "replace", path: "active", value: 1 }),
      ],
      400,
      "invalidValue",
    ],
    [
      "a PATCH on a missing user",
      () => ["PATCH", "/Users/nobody", patch({ op: "replace", path: "active", value: false })],
      404,
      null,
    ],
    [
      "a PATCH on a missing group",
      () => ["PATCH", "/Groups/nobody", patch({ op: "add", path: "members", value: [] })],
      404,
      null,
    ],
    [
      "a PUT on a missing user",
      () => ["PUT", "/Users/nobody", { schemas: [USER], userName: "x@example.com" }],
      404,
      null,
    ],
    ["a DELETE of a missing group", () => ["DELETE", "/Groups/nobody"], 404, null],
    ["a bad filter", () => ["GET", `/Users?${filter('userName eq "x" and')}`], 400, "invalidFilter"],
    ["a filter on an unknown attribute", () => ["GET", `/Users?${filter('shoeSize eq "9"')}`], 400, "invalidFilter"],
    [
      "a filter with an unknown operator",
      () => ["GET", `/Groups?${filter('displayName like "o"')}`],
      400,
      "invalidFilter",
    ],
    [
      "a filter comparing a boolean with a string",
      () => ["GET", `/Users?${filter('active eq "yes"')}`],
      400,
      "invalidFilter",
    ],
    ["a startIndex that is not a number", () => ["GET", "/Users?startIndex=abc"], 400, "invalidValue"],
    [
      "a stale If-Match",
      (s) => ["PATCH", `/Users/${s.userId}`, patch({ op: "replace", path: "active", value: false })],
      412,
      null,
    ],
  ];

  it.each(cases)("%s", async (_name, request, status, scimType) => {
    const seeded = await seed();
    const before = await snapshot();
    const [method, path, body] = request(seeded);
    const headers: Record<string, string> = _name === "a stale If-Match" ? { "if-match": 'W/"99"' } : {};
    const response =
      typeof body === "string"
        ? await h.call(method, `/scim/v2${path}`, {
            token: idpKey,
            rawBody: body,
            headers: { "content-type": SCIM_JSON },
          })
        : await scim(method, path, body, headers);
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    expect(response.headers.get("content-type")).toContain(SCIM_JSON);
    expect(response.json).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
    if (scimType === null) expect(response.json).not.toHaveProperty("scimType");
    else expect(response.json.scimType).toBe(scimType);
    expect(await snapshot()).toEqual(before);
  });

  it("answers authentication and media-type failures as SCIM errors", async () => {
    const anonymous = await h.call("GET", "/scim/v2/Users", { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    expect(anonymous.json).toMatchObject({ schemas: [ERROR], status: "401" });
    const viewer = await h.call("GET", "/scim/v2/Users", { token: h.tokens.viewer });
    expect(viewer.status).toBe(403);
    expect(viewer.json).toMatchObject({ schemas: [ERROR], status: "403" });
    const xml = await h.call("POST", "/scim/v2/Users", {
      token: idpKey,
      rawBody: "<user/>",
      headers: { "content-type": "application/xml" },
    });
    expect(xml.status).toBe(415);
    expect(xml.json).toMatchObject({ schemas: [ERROR], status: "415" });
    const noRoute = await h.call("GET", "/scim/v2/Bulk", { token: idpKey });
    expect(noRoute.status).toBe(404);
    expect(noRoute.json).toMatchObject({ schemas: [ERROR], status: "404" });
    // Plain application/json bodies are accepted too.
    const json = await h.call("POST", "/scim/v2/Users", {
      token: idpKey,
      body: { schemas: [USER], userName: "plain@example.com" },
    });
    expect(json.status).toBe(201);
  });

  it("keeps a scim-scoped key to SCIM: no /v1 directory, no policies", async () => {
    expect((await h.call("GET", "/v1/users", { token: idpKey })).status).toBe(403);
    expect((await h.call("GET", "/v1/policies", { token: idpKey })).status).toBe(403);
    // Minting keys is an admin's (or owner's) job; an admin mints the identity provider's key.
    const minted = await h.call("POST", "/v1/api-keys", {
      token: h.tokens.auditor,
      body: { name: "okta", scopes: ["scim"] },
    });
    expect(minted.status).toBe(403);
    const admin = await h.call("POST", "/v1/api-keys", {
      token: h.tokens.admin,
      body: { name: "okta", scopes: ["scim"] },
    });
    expect(admin.status).toBe(201);
    expect((await h.call("GET", "/scim/v2/ServiceProviderConfig", { token: admin.json.secret })).status).toBe(200);
  });
});
