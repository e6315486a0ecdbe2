// SCIM 2.0 provisioning (/scim/v2) as Okta and Entra ID drive it: the request sequences below are
// the shapes those identity providers send (their documented requests and known quirks), and each
// step checks what Warden then resolves for the user (simulate, /v1 directory, device bundles).
import { randomBytes } from "node:crypto";
import { signDeviceRequest } from "@warden/core";
import { DEVICE_AUTH_HEADERS } from "@warden/protocol";
import { describe, expect, it } from "vitest";
import { deviceKey } from "./device-requests.ts";
import { ENTERPRISE, ERROR, filter, GROUP, h, LIST, patch, scim, USER, useScimServer } from "./scim-harness.ts";
import { NOW, REQUIREMENTS } from "./server-harness.ts";

useScimServer();

/** Policies strict (for eng), open (for contractors) and base (the default), made through /v1. */
async function seedPolicies() {
  const make = async (name: string, requirementsToml: string) => {
    const response = await h.call("POST", "/v1/policies", { body: { name, requirementsToml } });
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    return response.json.policy.id as string;
  };
  const strict = await make("strict", REQUIREMENTS);
  const open = await make("open", 'allowed_sandbox_modes = ["read-only", "workspace-write"]\n');
  const base = await make("base", 'allowed_web_search_modes = ["disabled"]\n');
  expect((await h.call("PUT", "/v1/default-policy", { body: { policyId: base } })).status).toBe(200);
  return { strict, open, base };
}

async function setRules(rules: { groupId: string; policyId: string }[]) {
  const response = await h.call("PUT", "/v1/group-rules", { body: { rules } });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
}

/** What /v1/simulate resolves for a user: the policy's name (null: none), the counted groups, active. */
async function resolved(user: string) {
  const response = await h.call("POST", "/v1/simulate", { body: { user, hostname: "laptop-1" } });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  const { resolution } = response.json;
  return { policy: resolution.policy?.name ?? null, groupIds: resolution.groupIds, userActive: resolution.userActive };
}

async function activity(targetType: string, targetId: string) {
  const response = await h.call("GET", `/v1/activity?targetType=${targetType}&targetId=${targetId}`);
  return response.json.data as { action: string; details: Record<string, unknown> }[];
}

describe("SCIM provisioning as Okta sends it", () => {
  it("finds, creates, updates, groups, deactivates and reactivates a user; the resolved policy follows", async () => {
    const { strict } = await seedPolicies();

    // Okta looks the user up before creating it.
    const absent = await scim(
      "GET",
      `/Users?${filter('userName eq "dana.scully@example.com"')}&startIndex=1&count=100`,
    );
    expect(absent.status).toBe(200);
    expect(absent.json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await scim("POST", "/Users", {
      schemas: [USER],
      userName: "dana.scully@example.com",
      name: { givenName: "Dana", familyName: "Scully" },
      emails: [{ primary: true, value: "dana.scully@example.com", type: "work" }],
      displayName: "Dana Scully",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const userId = created.json.id as string;
    expect(created.json).toEqual({
      schemas: [USER],
      id: userId,
      externalId: "00ujl29u0le5T6Aj10h7",
      userName: "dana.scully@example.com",
      name: { givenName: "Dana", familyName: "Scully" },
      displayName: "Dana Scully",
      active: true,
      emails: [{ value: "dana.scully@example.com", type: "work", primary: true }],
      groups: [],
      meta: {
        resourceType: "User",
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        lastModified: created.json.meta.created,
        location: `http://localhost/scim/v2/Users/${userId}`,
        version: 'W/"1"',
      },
    });
    expect(created.headers.get("location")).toBe(`http://localhost/scim/v2/Users/${userId}`);
    expect(created.headers.get("etag")).toBe('W/"1"');

    // userName matching ignores case (RFC 7643: caseExact false).
    const found = await scim("GET", `/Users?${filter('userName eq "Dana.Scully@Example.com"')}`);
    expect(found.json.totalResults).toBe(1);
    expect(found.json.Resources[0].id).toBe(userId);
    expect((await scim("GET", `/Users/${userId}`)).json.userName).toBe("dana.scully@example.com");

    // The user is in /v1 too, with everything SCIM keeps.
    const v1 = await h.call("GET", `/v1/users/${userId}`);
    expect(v1.json).toMatchObject({
      name: "dana.scully@example.com",
      displayName: "Dana Scully",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
      groupIds: [],
    });
    expect((await resolved("dana.scully@example.com")).policy).toBe("base");

    // Group push: create, then add the member.
    const group = await scim("POST", "/Groups", { schemas: [GROUP], displayName: "Engineering", members: [] });
    expect(group.status, JSON.stringify(group.json)).toBe(201);
    const groupId = group.json.id as string;
    expect(group.json).toMatchObject({ displayName: "Engineering", members: [], meta: { resourceType: "Group" } });
    await setRules([{ groupId, policyId: strict }]);

    const added = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "add", path: "members", value: [{ value: userId, display: "dana.scully@example.com" }] }),
    );
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(added.json.members).toEqual([
      { value: userId, $ref: `http://localhost/scim/v2/Users/${userId}`, display: "Dana Scully", type: "User" },
    ]);
    expect(added.json.meta.version).toBe('W/"2"');
    expect(await resolved("dana.scully@example.com")).toEqual({
      policy: "strict",
      groupIds: [groupId],
      userActive: true,
    });
    expect((await scim("GET", `/Users/${userId}`)).json.groups).toEqual([
      { value: groupId, $ref: `http://localhost/scim/v2/Groups/${groupId}`, display: "Engineering", type: "direct" },
    ]);

    // Okta renames a group with a pathless replace that repeats the id.
    const renamed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "replace", value: { id: groupId, displayName: "Engineering Platform" } }),
    );
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json.displayName).toBe("Engineering Platform");
    expect((await h.call("GET", `/v1/groups/${groupId}`)).json.name).toBe("Engineering Platform");

    // Okta pushes profile changes with PUT (the whole user).
    const replaced = await scim("PUT", `/Users/${userId}`, {
      schemas: [USER],
      id: userId,
      userName: "dana.scully@example.com",
      name: { givenName: "Dana", familyName: "Mulder" },
      emails: [{ primary: true, value: "dana.mulder@example.com", type: "work" }],
      displayName: "Dana Mulder",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
    });
    expect(replaced.status, JSON.stringify(replaced.json)).toBe(200);
    expect(replaced.json).toMatchObject({
      name: { givenName: "Dana", familyName: "Mulder" },
      displayName: "Dana Mulder",
      emails: [{ value: "dana.mulder@example.com", type: "work", primary: true }],
      meta: { version: 'W/"2"' },
    });

    // Deactivation: the record and its memberships stay, but no group counts for policy.
    const deactivated = await scim("PATCH", `/Users/${userId}`, patch({ op: "replace", value: { active: false } }));
    expect(deactivated.status, JSON.stringify(deactivated.json)).toBe(200);
    expect(deactivated.json.active).toBe(false);
    expect(await resolved("dana.scully@example.com")).toEqual({ policy: "base", groupIds: [], userActive: false });
    const inactive = await h.call("GET", `/v1/users/${userId}`);
    expect(inactive.json).toMatchObject({ active: false, groupIds: [groupId] });
    expect(
      (await scim("GET", `/Users?${filter("active eq false")}`)).json.Resources.map((u: { id: string }) => u.id),
    ).toEqual([userId]);

    const reactivated = await scim("PATCH", `/Users/${userId}`, patch({ op: "replace", value: { active: true } }));
    expect(reactivated.json.active).toBe(true);
    expect((await resolved("dana.scully@example.com")).policy).toBe("strict");

    // Okta removes one member with a value filter, and replaces the whole list.
    const removed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "remove", path: `members[value eq "${userId}"]` }),
    );
    expect(removed.status, JSON.stringify(removed.json)).toBe(200);
    expect(removed.json.members).toEqual([]);
    expect((await resolved("dana.scully@example.com")).policy).toBe("base");
    // Removing an absent member again changes nothing (identity providers retry).
    expect(
      (await scim("PATCH", `/Groups/${groupId}`, patch({ op: "remove", path: `members[value eq "${userId}"]` })))
        .status,
    ).toBe(200);

    const listed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "replace", path: "members", value: [{ value: userId }] }),
    );
    expect(listed.json.members.map((m: { value: string }) => m.value)).toEqual([userId]);
    expect((await resolved("dana.scully@example.com")).policy).toBe("strict");

    // Okta checks a group by name without its members.
    const byName = await scim(
      "GET",
      `/Groups?${filter('displayName eq "engineering platform"')}&excludedAttributes=members`,
    );
    expect(byName.json.totalResults).toBe(1);
    expect(byName.json.Resources[0]).not.toHaveProperty("members");
    expect(byName.json.Resources[0]).toMatchObject({ id: groupId, displayName: "Engineering Platform" });

    // Every change is in the admin activity log, marked as SCIM, by the identity provider's principal.
    const userLog = await activity("user", userId);
    expect(userLog.map((entry) => entry.action)).toEqual(["user.update", "user.update", "user.update", "user.create"]);
    expect(userLog.every((entry) => entry.details.via === "scim")).toBe(true);
    expect(userLog[1]!.details).toMatchObject({ changed: ["active"], active: false });
    const groupLog = await activity("group", groupId);
    expect(groupLog.map((entry) => entry.action)).toEqual([
      "membership.add",
      "membership.remove",
      "group.update",
      "membership.add",
      "group.create",
    ]);
  });
});

describe("SCIM provisioning as Entra ID sends it", () => {
  it("creates with the enterprise extension, patches with its dialect and string booleans; the resolved policy follows", async () => {
    const { open } = await seedPolicies();

    // Entra's connection test: a filter on a random userName.
    const probe = await scim("GET", `/Users?${filter('userName eq "ec1d2d39-5f8a-4e0b-8a1f-17b1c2f0a6d4"')}`);
    expect(probe.status).toBe(200);
    expect(probe.json.totalResults).toBe(0);

    const created = await scim("POST", "/Users", {
      schemas: [USER, ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: "Fox.Mulder@contoso.com",
      active: true,
      emails: [{ primary: true, type: "work", value: "fox.mulder@contoso.com" }],
      meta: { resourceType: "User" },
      name: { formatted: "Fox Mulder", familyName: "Mulder", givenName: "Fox" },
      roles: [],
      title: "Special Agent",
      [ENTERPRISE]: { department: "X-Files", employeeNumber: "42" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const userId = created.json.id as string;
    // No displayName was sent: the formatted name stands in.
    expect(created.json).toMatchObject({ displayName: "Fox Mulder", active: true });
    expect(created.json).not.toHaveProperty("title");
    expect(created.json).not.toHaveProperty(ENTERPRISE);

    const byExternalId = await scim("GET", `/Users?${filter('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternalId.json.Resources.map((u: { id: string }) => u.id)).toEqual([userId]);

    const updated = await scim(
      "PATCH",
      `/Users/${userId}`,
      patch(
        { op: "Replace", path: 'emails[type eq "work"].value', value: "fox@contoso.com" },
        { op: "Replace", path: "name.familyName", value: "Mulder-Scully" },
        { op: "Add", path: 'emails[type eq "home"].value', value: "fox@home.example" },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Basement" },
        { op: "Add", path: "title", value: "Agent" },
      ),
    );
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    expect(updated.json.name).toEqual({ formatted: "Fox Mulder", familyName: "Mulder-Scully", givenName: "Fox" });
    expect(updated.json.emails).toEqual([
      { value: "fox@contoso.com", type: "work", primary: true },
      { value: "fox@home.example", type: "home", primary: false },
    ]);

    // Entra creates groups naming its own schema too, and looks them up without members.
    const group = await scim("POST", "/Groups", {
      schemas: [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Contractors",
      meta: { resourceType: "Group" },
    });
    expect(group.status, JSON.stringify(group.json)).toBe(201);
    const groupId = group.json.id as string;
    const lookup = await scim("GET", `/Groups?excludedAttributes=members&${filter('displayName eq "Contractors"')}`);
    expect(lookup.json.Resources).toEqual([
      {
        schemas: [GROUP],
        id: groupId,
        externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
        displayName: "Contractors",
        meta: expect.objectContaining({ resourceType: "Group", version: 'W/"1"' }),
      },
    ]);
    await setRules([{ groupId, policyId: open }]);

    const added = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Add", path: "members", value: [{ value: userId, displayName: "Fox Mulder" }] }),
    );
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(await resolved(userId)).toEqual({ policy: "open", groupIds: [groupId], userActive: true });

    // Entra sends booleans as strings.
    const disabled = await scim("PATCH", `/Users/${userId}`, patch({ op: "Replace", path: "active", value: "False" }));
    expect(disabled.status, JSON.stringify(disabled.json)).toBe(200);
    expect(disabled.json.active).toBe(false);
    expect(await resolved(userId)).toEqual({ policy: "base", groupIds: [], userActive: false });
    expect(
      (await scim("PATCH", `/Users/${userId}`, patch({ op: "Replace", path: "active", value: "True" }))).json.active,
    ).toBe(true);
    expect((await resolved(userId)).policy).toBe("open");

    // Entra removes members by listing them in `value`, and renames with a path.
    const removed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Remove", path: "members", value: [{ value: userId }] }),
    );
    expect(removed.status, JSON.stringify(removed.json)).toBe(200);
    expect(removed.json.members).toEqual([]);
    expect((await resolved(userId)).policy).toBe("base");
    const renamed = await scim(
      "PATCH",
      `/Groups/${groupId}`,
      patch({ op: "Replace", path: "displayName", value: "Contractors (EU)" }),
    );
    expect(renamed.json.displayName).toBe("Contractors (EU)");

    // A group a rule uses cannot go; the user can.
    const inUse = await scim("DELETE", `/Groups/${groupId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.json).toMatchObject({ schemas: [ERROR], status: "409" });
    await setRules([]);
    expect((await scim("DELETE", `/Groups/${groupId}`)).status).toBe(204);
    expect((await scim("DELETE", `/Users/${userId}`)).status).toBe(204);
    const gone = await scim("GET", `/Users/${userId}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ schemas: [ERROR], status: "404", detail: `User "${userId}" not found` });
    expect((await h.call("GET", `/v1/users/${userId}`)).status).toBe(404);
  });
});

describe("a deactivated user's devices", () => {
  it("get the default policy's bundle, and their group's again on reactivation", async () => {
    const { strict } = await seedPolicies();
    const user = await scim("POST", "/Users", { schemas: [USER], userName: "walter@example.com" });
    const group = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: "eng",
      members: [{ value: user.json.id }],
    });
    expect(group.json.members).toHaveLength(1);
    await setRules([{ groupId: group.json.id, policyId: strict }]);

    const issued = await h.call("POST", "/v1/enrollment-tokens", { body: { user: user.json.id } });
    expect(issued.status, JSON.stringify(issued.json)).toBe(201);
    const { publicKeyPem, privateKeyPem } = deviceKey();
    const enrolled = await h.call("POST", "/v1/devices/enroll", {
      token: null,
      body: {
        token: issued.json.token,
        publicKeyPem,
        hostname: "h",
        platform: "linux-x64",
        osUser: "walter",
        agentVersion: "0",
      },
    });
    expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(201);
    const bundlePolicy = async () => {
      const timestamp = String(NOW.getTime());
      const nonce = randomBytes(12).toString("base64url");
      const path = "/v1/devices/self/bundle";
      const headers = {
        [DEVICE_AUTH_HEADERS.key]: Buffer.from(publicKeyPem).toString("base64"),
        [DEVICE_AUTH_HEADERS.timestamp]: timestamp,
        [DEVICE_AUTH_HEADERS.nonce]: nonce,
        [DEVICE_AUTH_HEADERS.signature]: signDeviceRequest(
          { method: "GET", path, timestamp, nonce, body: "" },
          privateKeyPem,
        ),
      };
      const response = await h.call("GET", path, { token: null, headers });
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      return response.json.bundle.policy?.name ?? null;
    };

    expect(await bundlePolicy()).toBe("strict");
    await scim("PATCH", `/Users/${user.json.id}`, patch({ op: "replace", value: { active: false } }));
    expect(await bundlePolicy()).toBe("base");
    await scim("PATCH", `/Users/${user.json.id}`, patch({ op: "replace", value: { active: true } }));
    expect(await bundlePolicy()).toBe("strict");
  });
});
