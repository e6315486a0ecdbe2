// Config-only cases (no requirements) for defaults, legacy `sandbox_mode`, syntax resolution and the
// built-in profiles, each captured from codex 0.169.0 `app-server` `thread/start`; probe setup in
// probe-case.fixture.ts. Case names match the probe batch names.
import { describe, expect, it } from "vitest";
import { DFA, expectProbe, inputOf, type ProbeCase, RO, WW } from "./probe-case.fixture.ts";
import { resolvePermissionProfile } from "./resolve-permission-profile.ts";

const cases: ProbeCase[] = [
  // Defaults and trust.
  { name: "none-noentry", expect: { sandbox: RO(), active: { id: ":read-only", extends: null } } },
  { name: "none-trusted", trust: "trusted", expect: { sandbox: WW(), active: { id: ":workspace", extends: null } } },
  {
    name: "none-untrusted",
    trust: "untrusted",
    expect: { sandbox: WW(), active: { id: ":workspace", extends: null } },
  },
  // Legacy `sandbox_mode`: never an active profile.
  { name: "legacy-dfa", user: 'sandbox_mode = "danger-full-access"', expect: { sandbox: DFA, active: null } },
  { name: "legacy-ww", user: 'sandbox_mode = "workspace-write"', expect: { sandbox: WW(), active: null } },
  {
    name: "legacy-ro-trusted",
    trust: "trusted",
    user: 'sandbox_mode = "read-only"',
    expect: { sandbox: RO(), active: null },
  },
  {
    name: "legacy-ww-swr",
    user: 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nwritable_roots = ["/opt/x", "/srv/y"]\nnetwork_access = true\nexclude_tmpdir_env_var = true\nexclude_slash_tmp = true',
    expect: { sandbox: WW(["/opt/x", "/srv/y"], true, true, true), active: null },
  },
  {
    name: "legacy-swr-cwd",
    user: 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nwritable_roots = ["<PROJECT>", "/opt/b", "/opt/b"]',
    expect: { sandbox: WW(["/opt/b"]), active: null },
  },
  // The implicit `:workspace` keeps `[sandbox_workspace_write]` but then reports no active profile.
  {
    name: "trusted-swr",
    trust: "trusted",
    user: "[sandbox_workspace_write]\nnetwork_access = true",
    expect: { sandbox: WW([], true), active: null },
  },
  {
    name: "trusted-swr-roots",
    trust: "trusted",
    user: '[sandbox_workspace_write]\nwritable_roots = ["/opt/x"]',
    expect: { sandbox: WW(["/opt/x"]), active: null },
  },
  // Named built-ins.
  {
    name: "dp-dfa",
    user: 'default_permissions = ":danger-full-access"',
    expect: { sandbox: DFA, active: { id: ":danger-full-access", extends: null } },
  },
  {
    name: "dp-ws-swr",
    user: 'default_permissions = ":workspace"\n[sandbox_workspace_write]\nnetwork_access = true\nwritable_roots = ["/opt/x"]',
    expect: { sandbox: WW(), active: { id: ":workspace", extends: null } },
  },
  {
    name: "dp-ro-trusted",
    trust: "trusted",
    user: 'default_permissions = ":read-only"',
    expect: { sandbox: RO(), active: { id: ":read-only", extends: null } },
  },
  // Both keys in one layer: `default_permissions` wins.
  {
    name: "both-syntax",
    user: 'sandbox_mode = "danger-full-access"\ndefault_permissions = ":read-only"',
    expect: { sandbox: RO(), active: { id: ":read-only", extends: null } },
  },
  {
    name: "legacy-and-custom",
    user: 'sandbox_mode = "workspace-write"\n[permissions.custom]\nextends = ":workspace"',
    expect: { sandbox: WW(), active: null },
  },
  // Higher layers decide the syntax; disabled (untrusted) project layers do not count.
  {
    name: "trusted-proj-dp-user-sm",
    trust: "trusted",
    user: 'sandbox_mode = "danger-full-access"',
    project: 'default_permissions = ":read-only"',
    expect: { sandbox: RO(), active: { id: ":read-only", extends: null } },
  },
  {
    name: "trusted-proj-sm-user-dp",
    trust: "trusted",
    user: 'default_permissions = ":read-only"',
    project: 'sandbox_mode = "danger-full-access"',
    expect: { sandbox: DFA, active: null },
  },
  {
    name: "cli-dp-user-sm",
    user: 'sandbox_mode = "danger-full-access"',
    session: 'default_permissions = ":read-only"',
    expect: { sandbox: RO(), active: { id: ":read-only", extends: null } },
  },
  {
    name: "cli-sm-user-dp",
    user: 'default_permissions = ":read-only"',
    session: 'sandbox_mode = "danger-full-access"',
    expect: { sandbox: DFA, active: null },
  },
  {
    name: "untrusted-proj-sm",
    trust: "untrusted",
    project: 'sandbox_mode = "danger-full-access"',
    projectDisabled: true,
    expect: { sandbox: WW(), active: { id: ":workspace", extends: null } },
  },
  // `thread/start { sandbox }` is a legacy override.
  { name: "tsp-sandbox-dfa", sandboxOverride: "danger-full-access", expect: { sandbox: DFA, active: null } },
  {
    name: "tsp-sandbox-dfa-dp",
    sandboxOverride: "danger-full-access",
    user: 'default_permissions = ":read-only"',
    expect: { sandbox: DFA, active: null },
  },
  // Hard errors of config-only selection and compilation.
  {
    name: "custom-no-dp",
    user: '[permissions.custom]\nextends = ":workspace"',
    expect: { error: "config defines `[permissions]` profiles but does not set `default_permissions`" },
  },
  {
    name: "custom-colon",
    user: 'default_permissions = ":foo"\n[permissions.":foo"]\nextends = ":workspace"',
    expect: { error: "permissions profile `:foo` uses a reserved built-in profile prefix" },
  },
  {
    name: "dp-unknown-builtin",
    user: 'default_permissions = ":foo"',
    expect: { error: "default_permissions refers to unknown built-in profile `:foo`" },
  },
  {
    name: "dp-undefined",
    user: 'default_permissions = "nope"',
    expect: { error: "default_permissions requires a `[permissions]` table" },
  },
  {
    name: "dp-undefined-with-table",
    user: 'default_permissions = "nope"\n[permissions.custom]\nextends = ":workspace"',
    expect: { error: "default_permissions refers to undefined profile `nope`" },
  },
];

describe("resolvePermissionProfile (config only, probed against codex 0.169.0)", () => {
  it.each(cases)("$name", (probe) => expectProbe(probe, resolvePermissionProfile(inputOf(probe))));

  it("derives the sandbox mode name from the reported policy", () => {
    const result = resolvePermissionProfile(inputOf({ name: "trusted", trust: "trusted", expect: { error: "" } }));
    expect(result.sandboxMode).toBe("workspace-write");
  });
});
