// SCIM 2.0 listing (startIndex, count, filters, attributes), discovery and the OpenAPI description.
import { describe, expect, it } from "vitest";
import { ENTERPRISE, filter, GROUP, h, SCIM_JSON, scim, USER, useScimServer } from "./scim-harness.ts";

useScimServer();

describe("SCIM listing, filters and discovery", () => {
  it("pages with startIndex and count, filters with and/or/not/pr and value paths, projects attributes", async () => {
    for (const [userName, type] of [
      ["a@example.com", "work"],
      ["b@example.com", "home"],
      ["c@example.com", "work"],
      ["d@example.com", null],
    ] as const) {
      const created = await scim("POST", "/Users", {
        schemas: [USER],
        userName,
        ...(type === null ? {} : { emails: [{ value: userName, type }] }),
        ...(userName === "c@example.com" ? { active: false } : {}),
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
    }
    const names = async (query: string) => {
      const response = await scim("GET", `/Users?${query}`);
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      return {
        total: response.json.totalResults,
        names: response.json.Resources.map((u: { userName: string }) => u.userName),
      };
    };
    expect(await names("startIndex=2&count=2")).toEqual({ total: 4, names: ["b@example.com", "c@example.com"] });
    expect(await names("startIndex=0&count=1")).toEqual({ total: 4, names: ["a@example.com"] });
    expect(await names("count=0")).toEqual({ total: 4, names: [] });
    expect((await names(filter('userName eq "a@example.com" or userName eq "d@example.com"'))).names).toEqual([
      "a@example.com",
      "d@example.com",
    ]);
    expect((await names(filter('emails[type eq "work"] and active eq true'))).names).toEqual(["a@example.com"]);
    expect((await names(filter("not (emails pr)"))).names).toEqual(["d@example.com"]);
    expect((await names(filter('userName sw "B" or (emails.type eq "work" and not (active eq true))'))).names).toEqual([
      "b@example.com",
      "c@example.com",
    ]);
    expect((await names(filter('meta.created ge "2026-01-01T00:00:00Z"'))).total).toBe(4);

    const projected = await scim(
      "GET",
      `/Users?${filter('userName eq "a@example.com"')}&attributes=userName,emails.value`,
    );
    expect(projected.json.Resources).toEqual([
      { schemas: [USER], id: expect.any(String), userName: "a@example.com", emails: [{ value: "a@example.com" }] },
    ]);
    const excluded = await scim(
      "GET",
      `/Users/${projected.json.Resources[0].id}?excludedAttributes=groups,meta,emails`,
    );
    expect(Object.keys(excluded.json).sort()).toEqual(["active", "displayName", "id", "schemas", "userName"]);
    const etag = (await scim("GET", `/Users/${projected.json.Resources[0].id}`)).headers.get("etag")!;
    expect(
      (await scim("GET", `/Users/${projected.json.Resources[0].id}`, undefined, { "if-none-match": etag })).status,
    ).toBe(304);
  });

  it("describes itself: ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.json).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      etag: { supported: true },
      sort: { supported: false },
      changePassword: { supported: false },
    });
    const types = await scim("GET", "/ResourceTypes");
    expect(types.json.Resources.map((t: { id: string; endpoint: string }) => [t.id, t.endpoint])).toEqual([
      ["User", "/Users"],
      ["Group", "/Groups"],
    ]);
    expect((await scim("GET", "/ResourceTypes/User")).json.schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
    ]);
    expect((await scim("GET", "/ResourceTypes/Device")).status).toBe(404);
    const schemas = await scim("GET", "/Schemas");
    expect(schemas.json.Resources.map((s: { id: string }) => s.id)).toEqual([USER, GROUP, ENTERPRISE]);
    const user = await scim("GET", `/Schemas/${USER}`);
    expect(user.json.attributes.map((a: { name: string }) => a.name)).toEqual([
      "id",
      "externalId",
      "userName",
      "name",
      "displayName",
      "active",
      "emails",
      "groups",
    ]);
    expect(user.json.attributes.find((a: { name: string }) => a.name === "groups").mutability).toBe("readOnly");
  });

  it("is described in /openapi.json with SCIM media types and error bodies", async () => {
    const doc = (await h.call("GET", "/openapi.json", { token: null })).json;
    const patchUser = doc.paths["/scim/v2/Users/{id}"].patch;
    expect(patchUser["x-warden-permission"]).toBe("scim");
    expect(Object.keys(patchUser.requestBody.content)).toEqual([SCIM_JSON, "application/json"]);
    expect(patchUser.responses["404"].content[SCIM_JSON].schema.$ref).toBe("#/components/schemas/ScimError");
    expect(doc.components.schemas.ScimError.required).toEqual(["schemas", "status", "detail"]);
  });
});
