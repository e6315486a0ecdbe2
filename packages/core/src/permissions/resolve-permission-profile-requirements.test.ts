// `allowed_sandbox_modes` and `deny_read` requirements (requirements-spec §1.1, §4.1, §4.7, §4.8), each captured from codex 0.169.0 `app-server` `thread/start`
// (warnings from `configWarning`, errors from the JSON-RPC error); probe setup in probe-case.fixture.ts.
// Errors marked "startup" made `codex app-server` exit (its defaults reload failed too); their text was
// read from stderr and cross-checked with `codex debug prompt-input`.
import { describe, expect, it } from "vitest";
import {
  DFA,
  expectProbe,
  fallbackTo,
  inputOf,
  notAllowed,
  type ProbeCase,
  REQ_SOURCE,
  RO,
  WW,
} from "./probe-case.fixture.ts";
import { resolvePermissionProfile } from "./resolve-permission-profile.ts";

const RO_ONLY = 'allowed_sandbox_modes = ["read-only"]\n';
const RO_WW = 'allowed_sandbox_modes = ["read-only", "workspace-write"]\n';
const DENY = '[permissions.filesystem]\ndeny_read = ["/etc/shadow"]\n';
const DFA_USER = 'sandbox_mode = "danger-full-access"\n';
const NEVER_ERROR =
  '`approval_policy = "never"` cannot be used because requirements do not allow `sandbox_mode = "danger-full-access"`; Codex would fall back to read-only permissions with approvals disabled. Choose an `approval_policy` based on what you need, such as `on-request`, or choose an allowed sandbox mode.';
const DENY_READ_DFA = `invalid value for \`sandbox_mode\`: \`DangerFullAccess\` is not in the allowed set [read-only, workspace-write] (set by ${REQ_SOURCE})`;
const ro = { id: ":read-only", extends: null };
const ws = { id: ":workspace", extends: null };

const cases: ProbeCase[] = [
  // allowed_sandbox_modes (spec §1.1, §4.1; cases 58, 59, 63).
  { name: "asm-ro-noentry", req: RO_ONLY, expect: { sandbox: RO(), active: ro } },
  {
    name: "asm-ro-trusted",
    req: RO_ONLY,
    trust: "trusted",
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-untrusted",
    req: RO_ONLY,
    trust: "untrusted",
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-legacy-ww",
    req: RO_ONLY,
    user: 'sandbox_mode = "workspace-write"',
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-legacy-dfa-onreq",
    req: RO_ONLY,
    user: DFA_USER,
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("DangerFullAccess", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-legacy-dfa-never",
    req: RO_ONLY,
    user: `${DFA_USER}approval_policy = "never"`,
    expect: { error: NEVER_ERROR },
  },
  {
    name: "asm-rw-legacy-dfa-trusted",
    req: RO_WW,
    trust: "trusted",
    user: DFA_USER,
    expect: {
      sandbox: RO(),
      active: null,
      warnings: [fallbackTo(notAllowed("DangerFullAccess", "[ReadOnly, WorkspaceWrite]"))],
    },
  },
  {
    name: "asm-rw-legacy-dfa-never",
    req: 'allowed_sandbox_modes = ["workspace-write", "read-only"]',
    user: `${DFA_USER}approval_policy = "never"`,
    expect: { error: NEVER_ERROR },
  },
  {
    name: "asm-rd-dfa",
    req: 'allowed_sandbox_modes = ["read-only", "danger-full-access"]',
    user: DFA_USER,
    expect: { sandbox: DFA, active: null },
  },
  {
    name: "asm-ro-dp-dfa",
    req: RO_ONLY,
    user: 'default_permissions = ":danger-full-access"',
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("DangerFullAccess", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-dp-dfa-never",
    req: RO_ONLY,
    user: 'default_permissions = ":danger-full-access"\napproval_policy = "never"',
    expect: { error: NEVER_ERROR },
  },
  {
    name: "asm-ro-dp-custom",
    req: RO_ONLY,
    user: 'default_permissions = "custom"\n[permissions.custom]\nextends = ":workspace"',
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "asm-ro-trusted-swr",
    req: RO_ONLY,
    trust: "trusted",
    user: "[sandbox_workspace_write]\nnetwork_access = true",
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "asm-rx-ext",
    req: 'allowed_sandbox_modes = ["read-only", "external-sandbox"]',
    trust: "trusted",
    expect: {
      sandbox: RO(),
      active: null,
      warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly, ExternalSandbox]"))],
    },
  },
  {
    name: "tsp-sandbox-ww-asm",
    req: RO_ONLY,
    sandboxOverride: "workspace-write",
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "custom-dfa-never",
    req: RO_WW,
    user: 'default_permissions = "c"\napproval_policy = "never"\n[permissions.c.filesystem]\n":root" = "write"',
    expect: { error: NEVER_ERROR },
  },
  {
    name: "dfa-narrowed-never",
    req: RO_WW,
    user: 'default_permissions = "c"\napproval_policy = "never"\n[permissions.c.filesystem]\n":root" = "write"\n"/etc" = "read"',
    expect: { sandbox: WW(["/"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "asm-ww-only (startup)",
    req: 'allowed_sandbox_modes = ["workspace-write"]',
    expect: {
      error: `invalid value for \`allowed_sandbox_modes\`: \`[WorkspaceWrite]\` is not in the allowed set must include 'read-only' to allow any PermissionProfile (set by ${REQ_SOURCE})`,
    },
  },
  {
    name: "asm-empty (startup)",
    req: "allowed_sandbox_modes = []",
    expect: {
      error: `invalid value for \`allowed_sandbox_modes\`: \`[]\` is not in the allowed set must include 'read-only' to allow any PermissionProfile (set by ${REQ_SOURCE})`,
    },
  },
  // deny_read (spec §4.7; case 60).
  { name: "dr-noentry", req: DENY, expect: { sandbox: RO(), active: ro } },
  { name: "dr-trusted", req: DENY, trust: "trusted", expect: { sandbox: WW(), active: ws } },
  {
    name: "dr-legacy-dfa",
    req: DENY,
    user: DFA_USER,
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(DENY_READ_DFA)] },
  },
  {
    name: "dr-legacy-dfa-never",
    req: DENY,
    user: `${DFA_USER}approval_policy = "never"`,
    expect: { error: NEVER_ERROR },
  },
  {
    name: "dr-asm-ro-dfa",
    req: `allowed_sandbox_modes = ["read-only", "danger-full-access"]\n${DENY}`,
    user: DFA_USER,
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(DENY_READ_DFA)] },
  },
  {
    name: "dr-asm-ro-ww-trusted",
    req: `${RO_ONLY}${DENY}`,
    trust: "trusted",
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("WorkspaceWrite", "[ReadOnly]"))] },
  },
  {
    name: "dr-dp-dfa",
    req: '[permissions.filesystem]\ndeny_read = ["/etc/shadow", "/root/**/*.key"]',
    user: 'default_permissions = ":danger-full-access"',
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(DENY_READ_DFA)] },
  },
  {
    name: "asm-dr-rootwrite",
    req: `${RO_ONLY}${DENY}`,
    user: 'default_permissions = "c"\n[permissions.c.filesystem]\n":root" = "write"',
    expect: { sandbox: RO(), active: null, warnings: [fallbackTo(notAllowed("DangerFullAccess", "[ReadOnly]"))] },
  },
];

describe("resolvePermissionProfile (sandbox modes and deny_read, probed against codex 0.169.0)", () => {
  it.each(cases)("$name", (probe) => expectProbe(probe, resolvePermissionProfile(inputOf(probe))));

  it("adds the managed deny entries to the effective profile, after the profile's own entries", () => {
    const result = resolvePermissionProfile(
      inputOf({
        name: "dr",
        req: '[permissions.filesystem]\ndeny_read = ["/etc/shadow", "*.pem"]',
        expect: { error: "" },
      }),
    );
    expect(result.permissionProfile).toEqual({
      type: "managed",
      fileSystem: {
        type: "restricted",
        entries: [
          { path: { type: "special", value: { kind: "root" } }, access: "read" },
          { path: { type: "path", path: "/etc/shadow" }, access: "deny" },
          { path: { type: "glob", pattern: "/etc/codex/*.pem" }, access: "deny" },
        ],
        globScanMaxDepth: null,
      },
      network: "restricted",
    });
  });
});
