import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REQUIREMENTS, type ServerHarness, startServerHarness } from "./server-harness.ts";

let h: ServerHarness;
beforeEach(async () => {
  h = await startServerHarness();
});
afterEach(async () => {
  await h.close();
});

async function post(path: string, body: unknown) {
  const response = await h.call("POST", path, { body });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json;
}

/** Users alice (eng + contractors) and bob (no group); policies strict, open and base; rules eng→strict, contractors→open. */
async function seed() {
  const alice = await post("/v1/users", { name: "alice", displayName: "Alice" });
  const bob = await post("/v1/users", { name: "bob" });
  const eng = await post("/v1/groups", { name: "eng" });
  const contractors = await post("/v1/groups", { name: "contractors" });
  for (const group of [eng, contractors]) {
    expect((await h.call("PUT", `/v1/groups/${group.id}/members/${alice.id}`)).status).toBe(204);
  }
  const strict = (await post("/v1/policies", { name: "strict", requirementsToml: REQUIREMENTS })).policy;
  const open = (
    await post("/v1/policies", {
      name: "open",
      requirementsToml: 'allowed_sandbox_modes = ["read-only", "workspace-write", "danger-full-access"]\n',
    })
  ).policy;
  const base = (
    await post("/v1/policies", {
      name: "base",
      requirementsToml: 'allowed_web_search_modes = ["disabled"]\n',
      managedConfigToml: 'model = "gpt-5"\n',
    })
  ).policy;
  const rules = await h.call("PUT", "/v1/group-rules", {
    body: {
      rules: [
        { groupId: eng.id, policyId: strict.id },
        { groupId: contractors.id, policyId: open.id },
      ],
    },
  });
  expect(rules.status).toBe(200);
  expect((await h.call("PUT", "/v1/default-policy", { body: { policyId: base.id } })).status).toBe(200);
  return { alice, bob, eng, contractors, strict, open, base };
}

describe("directory", () => {
  it("keeps users, groups and memberships", async () => {
    const { alice, eng, contractors } = await seed();
    const user = await h.call("GET", `/v1/users/${alice.id}`, { token: h.tokens.viewer });
    expect(user.json).toMatchObject({ name: "alice", displayName: "Alice" });
    expect(user.json.groupIds.sort()).toEqual([eng.id, contractors.id].sort());
    const members = await h.call("GET", `/v1/groups/${eng.id}/members`);
    expect(members.json.data.map((u: { name: string }) => u.name)).toEqual(["alice"]);
    expect((await h.call("DELETE", `/v1/groups/${eng.id}/members/${alice.id}`)).status).toBe(204);
    expect((await h.call("DELETE", `/v1/groups/${eng.id}/members/${alice.id}`)).status).toBe(404);
    expect((await h.call("POST", "/v1/users", { body: { name: "alice" } })).status).toBe(409);
    expect((await h.call("PUT", `/v1/groups/${eng.id}/members/nope`)).status).toBe(404);
    expect((await h.call("DELETE", `/v1/groups/${eng.id}`)).status).toBe(409);
    expect((await h.call("DELETE", `/v1/users/${alice.id}`)).status).toBe(204);
    expect((await h.call("GET", `/v1/users/${alice.id}`)).status).toBe(404);
  });

  it("replaces and reorders the rule list, logging before and after", async () => {
    const { eng, contractors, strict, open } = await seed();
    const reordered = await h.call("POST", "/v1/group-rules/reorder", { body: { order: [contractors.id, eng.id] } });
    expect(reordered.status).toBe(200);
    expect(reordered.json.data).toEqual([
      { position: 0, groupId: contractors.id, policyId: open.id },
      { position: 1, groupId: eng.id, policyId: strict.id },
    ]);
    expect((await h.call("POST", "/v1/group-rules/reorder", { body: { order: [eng.id] } })).status).toBe(409);
    const duplicate = await h.call("PUT", "/v1/group-rules", {
      body: {
        rules: [
          { groupId: eng.id, policyId: strict.id },
          { groupId: eng.id, policyId: open.id },
        ],
      },
    });
    expect(duplicate.status).toBe(400);
    const unknown = await h.call("PUT", "/v1/group-rules", { body: { rules: [{ groupId: eng.id, policyId: "x" }] } });
    expect(unknown.status).toBe(404);
    const activity = await h.call("GET", "/v1/activity?targetType=group_rules");
    expect(activity.json.data.map((e: { action: string }) => e.action)).toEqual([
      "group_rules.reorder",
      "group_rules.set",
    ]);
    expect(activity.json.data[0].details.before).toEqual([
      { groupId: eng.id, policyId: strict.id },
      { groupId: contractors.id, policyId: open.id },
    ]);
  });
});

describe("POST /v1/simulate", () => {
  it("resolves the first matching rule whole and explains Codex over the posted user config", async () => {
    const { eng, strict } = await seed();
    const response = await h.call("POST", "/v1/simulate", {
      token: h.tokens.viewer,
      body: { user: "alice", hostname: "laptop-1", userConfigToml: 'sandbox_mode = "danger-full-access"\n' },
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json.resolution).toMatchObject({
      source: "rule",
      ruleIndex: 0,
      groupId: eng.id,
      policy: { id: strict.id, name: "strict", revision: 1 },
    });
    const { explain } = response.json;
    expect(explain.error).toBeNull();
    expect(explain.codexVersion).toBe("0.169.0");
    // The user asked for danger-full-access; the strict policy allows only read-only, so Codex falls back.
    expect(explain.effective.sandboxMode).toBe("read-only");
    expect(explain.requirements.allowedSandboxModes).toEqual(["read-only"]);
    expect(explain.warnings.join("\n")).toContain("sandbox_mode");
  });

  it("falls back to the default policy for a user no rule matches, and simulates a list of groups", async () => {
    const { contractors, open } = await seed();
    const bob = await h.call("POST", "/v1/simulate", { body: { user: "bob", hostname: "h" } });
    expect(bob.json.resolution).toMatchObject({ source: "default", policy: { name: "base" } });
    expect(bob.json.explain.effective.model).toBe("gpt-5");
    expect(bob.json.explain.effective.webSearchMode).toBe("disabled");
    const groups = await h.call("POST", "/v1/simulate", { body: { groups: [contractors.id], hostname: "h" } });
    expect(groups.json.resolution).toMatchObject({ source: "rule", ruleIndex: 1, policy: { id: open.id } });
  });

  it("reports Codex's startup error for a broken user config, and 404/400 for bad subjects", async () => {
    await seed();
    const broken = await h.call("POST", "/v1/simulate", {
      body: { user: "alice", hostname: "h", userConfigToml: "model = [" },
    });
    expect(broken.status).toBe(200);
    expect(broken.json.explain.error).toContain("config.toml");
    expect((await h.call("POST", "/v1/simulate", { body: { user: "nobody", hostname: "h" } })).status).toBe(404);
    const both = await h.call("POST", "/v1/simulate", { body: { user: "alice", groups: [], hostname: "h" } });
    expect(both.status).toBe(400);
  });
});
