// One directory, two front doors: /v1 and SCIM agree on what a name is and on what a deactivated user may do.
import { describe, expect, it } from "vitest";
import { h, patch, scim, USER, useScimServer } from "./scim-harness.ts";

useScimServer();

describe("the /v1 directory and SCIM agree", () => {
  it("treats user and group names as unique ignoring case, on both sides, and changes nothing on a clash", async () => {
    expect((await h.call("POST", "/v1/users", { body: { name: "alice" } })).status).toBe(201);
    const clash = await h.call("POST", "/v1/users", { body: { name: "Alice" } });
    expect(clash.status).toBe(409);
    expect(clash.json.message).toBe("a user named alice already exists");
    expect((await scim("POST", "/Users", { schemas: [USER], userName: "ALICE" })).status).toBe(409);
    const users = await h.call("GET", "/v1/users");
    expect(users.json.data.map((user: { name: string }) => user.name)).toEqual(["alice"]);

    expect((await h.call("POST", "/v1/groups", { body: { name: "eng" } })).status).toBe(201);
    expect((await h.call("POST", "/v1/groups", { body: { name: "ENG" } })).status).toBe(409);
    const groups = await h.call("GET", "/v1/groups");
    expect(groups.json.data.map((group: { name: string }) => group.name)).toEqual(["eng"]);
  });

  it("issues no enrollment token for a deactivated user, and does again once reactivated", async () => {
    const created = await scim("POST", "/Users", { schemas: [USER], userName: "bob@example.com" });
    const id = created.json.id as string;
    expect((await scim("PATCH", `/Users/${id}`, patch({ op: "replace", value: { active: false } }))).status).toBe(200);
    const refused = await h.call("POST", "/v1/enrollment-tokens", { body: { user: id } });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe("user bob@example.com is deactivated; enrol no devices for them");
    expect((await h.call("GET", "/v1/activity?targetType=enrollment_token")).json.data).toEqual([]);
    expect((await scim("PATCH", `/Users/${id}`, patch({ op: "replace", path: "active", value: "True" }))).status).toBe(
      200,
    );
    expect((await h.call("POST", "/v1/enrollment-tokens", { body: { user: id } })).status).toBe(201);
  });
});
