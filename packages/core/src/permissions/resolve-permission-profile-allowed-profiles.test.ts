// `allowed_permission_profiles`, requirements `default_permissions` and managed `[permissions.<name>]`
// profiles (requirements-spec §1.2, §4.6, case 71), each captured from codex 0.169.0 `app-server`
// `thread/start`; probe setup in probe-case.fixture.ts. Errors marked "startup" made `codex app-server`
// exit; their text was read from stderr and cross-checked with `codex debug prompt-input`, which also
// gave the precedence cases (app-server masks the first error, see README).
import { describe, expect, it } from "vitest";
import { expectProbe, fallbackTo, inputOf, notAllowed, type ProbeCase, RO, WW } from "./probe-case.fixture.ts";
import { resolvePermissionProfile } from "./resolve-permission-profile.ts";

const RO_ONLY = 'allowed_sandbox_modes = ["read-only"]\n';
const WS_RO = '[allowed_permission_profiles]\n":workspace" = true\n":read-only" = true\n';
const DFA_USER = 'sandbox_mode = "danger-full-access"\n';
const named = (from: string, to: string) =>
  `Configured value for \`permission_profile\` is disallowed by requirements; falling back from \`${from}\` to required value \`${to}\`.`;
const ro = { id: ":read-only", extends: null };
const ws = { id: ":workspace", extends: null };

const cases: ProbeCase[] = [
  { name: "app-wsro", req: WS_RO, expect: { sandbox: WW(), active: ws } },
  { name: "app-wsro-legacy-dfa", req: WS_RO, user: DFA_USER, expect: { sandbox: WW(), active: ws } },
  {
    name: "tsp-sandbox-dfa-app",
    req: WS_RO,
    sandboxOverride: "danger-full-access",
    expect: { sandbox: WW(), active: ws },
  },
  {
    name: "app-wsro-dp-dfa",
    req: WS_RO,
    user: 'default_permissions = ":danger-full-access"',
    expect: { sandbox: WW(), active: ws, warnings: [named(":danger-full-access", ":workspace")] },
  },
  {
    name: "app-ro-dp-ro-cfg-dfa",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true',
    user: 'default_permissions = ":danger-full-access"',
    expect: { sandbox: RO(), active: ro, warnings: [named(":danger-full-access", ":read-only")] },
  },
  // The named fallback never triggers the never + danger-full-access error.
  {
    name: "app-ro-dp-ro-cfg-dfa-never",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true',
    user: 'default_permissions = ":danger-full-access"\napproval_policy = "never"',
    expect: { sandbox: RO(), active: ro, warnings: [named(":danger-full-access", ":read-only")] },
  },
  // A managed profile reports `extends: null` even though it extends `:workspace`.
  {
    name: "app-corp",
    req: 'default_permissions = "corp"\n[allowed_permission_profiles]\ncorp = true\n[permissions.corp]\nextends = ":workspace"',
    expect: { sandbox: WW(), active: { id: "corp", extends: null } },
  },
  {
    name: "managed-only-dp",
    req: '[permissions.corp]\nextends = ":workspace"',
    user: 'default_permissions = "corp"',
    expect: { sandbox: WW(), active: { id: "corp", extends: null } },
  },
  {
    name: "app-corp-desc",
    req: 'default_permissions = "corp"\n[allowed_permission_profiles]\ncorp = true\n":read-only" = true\n[permissions.corp]\ndescription = "Corp"\nextends = ":read-only"',
    user: 'default_permissions = ":read-only"',
    expect: { sandbox: RO(), active: ro },
  },
  {
    name: "app-false-entry",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true\n":workspace" = false',
    trust: "trusted",
    expect: { sandbox: RO(), active: ro },
  },
  {
    name: "app-ws-asm-ro",
    req: `${RO_ONLY}${WS_RO}`,
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "app-user-custom-allowed",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true\nmine = true',
    user: 'default_permissions = "mine"\n[permissions.mine]\nextends = ":workspace"',
    expect: { sandbox: WW(), active: { id: "mine", extends: ":workspace" } },
  },
  {
    name: "app-user-custom-notallowed",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true',
    user: 'default_permissions = "mine"\n[permissions.mine]\nextends = ":workspace"',
    expect: { sandbox: RO(), active: ro, warnings: [named("mine", ":read-only")] },
  },
  {
    name: "app-user-custom-nodp",
    req: 'default_permissions = ":read-only"\n[allowed_permission_profiles]\n":read-only" = true',
    user: '[permissions.mine]\nextends = ":workspace"',
    expect: { sandbox: RO(), active: ro },
  },
  {
    name: "user-custom-both",
    req: `${WS_RO}custom = true`,
    user: '[permissions.custom]\nextends = ":workspace"',
    expect: { sandbox: WW(), active: ws },
  },
  {
    name: "req-dp-alone (startup)",
    req: 'default_permissions = ":workspace"',
    expect: { error: "requirements.toml default_permissions requires allowed_permission_profiles" },
  },
  {
    name: "app-ws-only (startup)",
    req: '[allowed_permission_profiles]\n":workspace" = true',
    expect: {
      error:
        "requirements.toml default_permissions must be set unless allowed_permission_profiles allows both `:workspace` and `:read-only`",
    },
  },
  {
    name: "app-undefined (startup)",
    req: `${WS_RO}custom = true`,
    expect: { error: "requirements.toml allowed_permission_profiles refers to undefined profile `custom`" },
  },
  {
    name: "app-dp-not-allowed (startup)",
    req: `default_permissions = ":danger-full-access"\n${WS_RO}`,
    expect: {
      error:
        "requirements.toml default_permissions `:danger-full-access` must be allowed by allowed_permission_profiles",
    },
  },
  {
    name: "app-conflict",
    req: 'default_permissions = "corp"\n[allowed_permission_profiles]\ncorp = true\n[permissions.corp]\nextends = ":workspace"',
    user: '[permissions.corp]\nextends = ":read-only"',
    expect: {
      error: "requirements.toml permissions profile `corp` conflicts with a config-defined profile of the same name",
    },
  },
  // Precedence of errors, read with `codex debug prompt-input` (app-server masks them, see README).
  {
    name: "conflict-and-undef",
    req: 'default_permissions = "corp"\n[allowed_permission_profiles]\ncorp = true\nzz = true\n[permissions.corp]\nextends = ":workspace"',
    user: '[permissions.corp]\nextends = ":read-only"',
    expect: {
      error: "requirements.toml permissions profile `corp` conflicts with a config-defined profile of the same name",
    },
  },
  {
    name: "colon-and-undef",
    req: `${WS_RO}zz = true`,
    user: '[permissions.":x"]\nextends = ":workspace"',
    expect: { error: "permissions profile `:x` uses a reserved built-in profile prefix" },
  },
  {
    name: "managed-only-nodp (startup)",
    req: '[permissions.corp]\nextends = ":workspace"',
    expect: { error: "config defines `[permissions]` profiles but does not set `default_permissions`" },
  },
];

describe("resolvePermissionProfile (allowed_permission_profiles, probed against codex 0.169.0)", () => {
  it.each(cases)("$name", (probe) => expectProbe(probe, resolvePermissionProfile(inputOf(probe))));

  // Probed: compile warnings, then Codex's approval_policy warning, then the permission_profile fallback.
  it("splits warnings into the selection and constraint phases", () => {
    const result = resolvePermissionProfile(
      inputOf({
        name: "phases",
        req: `${RO_ONLY}${WS_RO}`,
        user: 'default_permissions = ":danger-full-access"\napproval_policy = "never"',
        expect: { error: "" },
      }),
    );
    expect(result.error).toBeNull();
    expect(result.warningPhases.selection).toEqual([named(":danger-full-access", ":workspace")]);
    expect(result.warningPhases.constraint).toEqual([fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))]);
  });
});
