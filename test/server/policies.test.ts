import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BAD_REQUIREMENTS, REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

let h: ServerHarness;
beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(async () => {
  await h.close();
});

async function createPolicy(name = "engineering", requirementsToml = REQUIREMENTS) {
  const response = await h.call("POST", "/v1/policies", { body: { name, requirementsToml } });
  expect(response.status).toBe(201);
  return response.json.policy.id as string;
}

describe("policies", () => {
  it("creates a policy as revision 1 and reads it back", async () => {
    const created = await h.call("POST", "/v1/policies", {
      body: { name: "engineering", description: "eng laptops", requirementsToml: REQUIREMENTS, message: "first" },
    });
    expect(created.status).toBe(201);
    expect(created.json.policy).toMatchObject({ name: "engineering", description: "eng laptops", currentRevision: 1 });
    expect(created.json.revision).toMatchObject({
      revision: 1,
      message: "first",
      requirementsToml: REQUIREMENTS,
      managedConfigToml: null,
      hookPolicyToml: null,
    });
    expect(created.json.diagnostics).toEqual([]);
    const read = await h.call("GET", `/v1/policies/${created.json.policy.id}`, { token: h.tokens.viewer });
    expect(read.status).toBe(200);
    expect(read.json.revision.requirementsToml).toBe(REQUIREMENTS);
    const list = await h.call("GET", "/v1/policies");
    expect(list.json).toMatchObject({ data: [{ name: "engineering" }], nextCursor: null });
  });

  it("refuses an invalid policy with the core diagnostics and stores nothing", async () => {
    const response = await h.call("POST", "/v1/policies", {
      body: { name: "bad", requirementsToml: BAD_REQUIREMENTS },
    });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe("policy_invalid");
    expect(response.json.message).toContain("requirements.toml:1:26");
    expect(response.json.details.diagnostics).toEqual([
      expect.objectContaining({ code: "requirements-type", severity: "error", file: "requirements.toml", line: 1 }),
    ]);
    expect((await h.call("GET", "/v1/policies")).json.data).toEqual([]);
  });

  it("validates the hook policy and the managed config too", async () => {
    const hook = await h.call("POST", "/v1/policies", {
      body: { name: "hooked", requirementsToml: REQUIREMENTS, hookPolicyToml: "version = 99\n" },
    });
    expect(hook.status).toBe(400);
    expect(hook.json.details.diagnostics.some((d: { file: string }) => d.file === "hook-policy.toml")).toBe(true);
    const managed = await h.call("POST", "/v1/policies", {
      body: { name: "managed", requirementsToml: REQUIREMENTS, managedConfigToml: "model = [" },
    });
    expect(managed.status).toBe(400);
    expect(managed.json.details.diagnostics[0]).toMatchObject({ file: "managed_config.toml", code: "toml-syntax" });
  });

  it("answers 409 for a taken name", async () => {
    await createPolicy();
    const again = await h.call("POST", "/v1/policies", {
      body: { name: "engineering", requirementsToml: REQUIREMENTS },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("conflict");
  });

  it("saves revisions, refuses a stale save, diffs and rolls back, logging each change", async () => {
    const id = await createPolicy();
    const v2 = 'allowed_sandbox_modes = ["read-only", "workspace-write"]\n';
    const saved = await h.call("PUT", `/v1/policies/${id}`, {
      body: { requirementsToml: v2, expectedRevision: 1, message: "allow workspace-write" },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.revision).toMatchObject({ revision: 2, requirementsToml: v2 });
    const stale = await h.call("PUT", `/v1/policies/${id}`, { body: { requirementsToml: v2, expectedRevision: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.details).toEqual({ currentRevision: 2 });
    const invalid = await h.call("PUT", `/v1/policies/${id}`, { body: { requirementsToml: BAD_REQUIREMENTS } });
    expect(invalid.status).toBe(400);

    const revisions = await h.call("GET", `/v1/policies/${id}/revisions`);
    expect(revisions.json.data.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const one = await h.call("GET", `/v1/policies/${id}/revisions/1`);
    expect(one.json.requirementsToml).toBe(REQUIREMENTS);

    const diff = await h.call("GET", `/v1/policies/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    const requirements = diff.json.files.find((f: { file: string }) => f.file === "requirements.toml");
    expect(requirements.changed).toBe(true);
    expect(requirements.diff).toBe(
      [
        "--- requirements.toml@1",
        "+++ requirements.toml@2",
        "@@ -1,2 +1,1 @@",
        '-allowed_approval_policies = ["on-request", "never"]',
        '-allowed_sandbox_modes = ["read-only"]',
        '+allowed_sandbox_modes = ["read-only", "workspace-write"]',
        "",
      ].join("\n"),
    );
    expect(diff.json.files.find((f: { file: string }) => f.file === "managed_config.toml")).toMatchObject({
      changed: false,
      diff: "",
    });

    const rolled = await h.call("POST", `/v1/policies/${id}/rollback`, { body: { toRevision: 1 } });
    expect(rolled.status).toBe(200);
    expect(rolled.json.revision).toMatchObject({ revision: 3, rolledBackFrom: 1, requirementsToml: REQUIREMENTS });
    const missing = await h.call("POST", `/v1/policies/${id}/rollback`, { body: { toRevision: 9 } });
    expect(missing.status).toBe(404);

    const activity = await h.call("GET", `/v1/activity?targetType=policy&targetId=${id}`, { token: h.tokens.auditor });
    expect(activity.status).toBe(200);
    const owner = await h.store.credentials.getPrincipalByName("owner");
    expect(
      activity.json.data.map((e: { action: string; beforeRevision: number | null; afterRevision: number }) => [
        e.action,
        e.beforeRevision,
        e.afterRevision,
      ]),
    ).toEqual([
      ["policy.rollback", 2, 3],
      ["policy.save", 1, 2],
      ["policy.create", null, 1],
    ]);
    expect(activity.json.data[0].actor).toEqual({ kind: "principal", id: owner!.id });
  });

  it("refuses to delete a policy in use (409) and deletes it once free", async () => {
    const id = await createPolicy();
    expect((await h.call("PUT", "/v1/default-policy", { body: { policyId: id } })).status).toBe(200);
    const inUse = await h.call("DELETE", `/v1/policies/${id}`);
    expect(inUse.status).toBe(409);
    await h.call("PUT", "/v1/default-policy", { body: { policyId: null } });
    expect((await h.call("DELETE", `/v1/policies/${id}`)).status).toBe(204);
    expect((await h.call("GET", `/v1/policies/${id}`)).status).toBe(404);
  });

  it("pages a listing with an opaque cursor", async () => {
    for (const name of ["a", "b", "c"]) await createPolicy(name);
    const first = await h.call("GET", "/v1/policies?limit=2");
    expect(first.json.data.map((p: { name: string }) => p.name)).toEqual(["a", "b"]);
    const second = await h.call("GET", `/v1/policies?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json).toMatchObject({ data: [{ name: "c" }], nextCursor: null });
    expect((await h.call("GET", "/v1/policies?limit=0")).status).toBe(400);
    expect((await h.call("GET", "/v1/policies?cursor=zzz")).status).toBe(400);
  });
});
