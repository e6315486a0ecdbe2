// Custom `[permissions.<name>]` profiles in config.toml: compilation, inheritance and the legacy
// `sandbox` projection, each captured from codex 0.169.0 `app-server` `thread/start`; probe setup in
// probe-case.fixture.ts. Case names match the probe batch names.
import { describe, it } from "vitest";
import { CWD, DFA, expectProbe, inputOf, type ProbeCase, RO, WW } from "./probe-case.fixture.ts";
import { resolvePermissionProfile } from "./resolve-permission-profile.ts";

const C = 'default_permissions = "c"\n';
const GLOBSTAR = (pattern: string) =>
  `Filesystem deny-read glob \`${pattern}\` uses \`**\`. Non-macOS sandboxing does not support unbounded \`**\` natively; set \`glob_scan_max_depth\` in this filesystem profile to cap Linux glob expansion and silence this warning, or enumerate explicit depths such as \`*.env\`, \`*/*.env\`, and \`*/*/*.env\`.`;

const cases: ProbeCase[] = [
  // Custom profiles and their legacy projection.
  {
    name: "dp-custom",
    user: 'default_permissions = "custom"\n[permissions.custom]\nextends = ":workspace"',
    expect: { sandbox: WW(), active: { id: "custom", extends: ":workspace" } },
  },
  {
    name: "c-path-write",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n"/opt/data" = "write"`,
    expect: { sandbox: WW(["/opt/data"], false, true, true), active: { id: "c", extends: null } },
  },
  {
    name: "c-ws-net",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.network]\nenabled = true`,
    expect: { sandbox: WW([], true), active: { id: "c", extends: ":workspace" } },
  },
  {
    name: "c-ro-net",
    user: `${C}[permissions.c]\nextends = ":read-only"\n[permissions.c.network]\nenabled = true`,
    expect: { sandbox: RO(true), active: { id: "c", extends: ":read-only" } },
  },
  {
    name: "c-root-write",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"`,
    expect: { sandbox: { type: "externalSandbox", networkAccess: "restricted" }, active: { id: "c", extends: null } },
  },
  {
    name: "c-root-write-net",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n[permissions.c.network]\nenabled = true`,
    expect: { sandbox: DFA, active: { id: "c", extends: null } },
  },
  {
    name: "c-rootw-minimal",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n":minimal" = "read"`,
    expect: { sandbox: { type: "externalSandbox", networkAccess: "restricted" }, active: { id: "c", extends: null } },
  },
  {
    name: "c-empty",
    user: `${C}[permissions.c]\ndescription = "x"`,
    expect: {
      sandbox: RO(),
      active: { id: "c", extends: null },
      warnings: [
        "Permissions profile `c` does not define any recognized filesystem entries for this version of Codex. Filesystem access will remain restricted. Upgrade Codex if this profile expects filesystem permissions.",
      ],
    },
  },
  {
    name: "c-ws-extra",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.filesystem]\n"/opt/extra" = "write"`,
    expect: { sandbox: WW(["/opt/extra"]), active: { id: "c", extends: ":workspace" } },
  },
  {
    name: "c-wsroots-only",
    user: `${C}[permissions.c.filesystem]\n":workspace_roots" = { "." = "write" }`,
    expect: { sandbox: WW([], false, true, true), active: { id: "c", extends: null } },
  },
  {
    name: "c-deny",
    user: `${C}[permissions.c]\nextends = ":read-only"\n[permissions.c.filesystem]\n"/etc/secret" = "deny"`,
    expect: { sandbox: RO(), active: { id: "c", extends: ":read-only" } },
  },
  {
    name: "c-minimal",
    user: `${C}[permissions.c.filesystem]\n":minimal" = "read"`,
    expect: { sandbox: RO(), active: { id: "c", extends: null } },
  },
  {
    name: "c-chain",
    user: `${C}[permissions.base]\nextends = ":workspace"\n[permissions.c]\nextends = "base"`,
    expect: { sandbox: WW(), active: { id: "c", extends: "base" } },
  },
  {
    name: "c-tmp-only",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n":slash_tmp" = "write"`,
    expect: { sandbox: WW(["/tmp"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-unknown-special",
    user: `${C}[permissions.c]\nextends = ":read-only"\n[permissions.c.filesystem]\n":bogus" = "read"`,
    expect: {
      sandbox: RO(),
      active: { id: "c", extends: ":read-only" },
      warnings: [
        "Configured filesystem path `:bogus` is not recognized by this version of Codex and will be ignored. Upgrade Codex if this path is required.",
      ],
    },
  },
  {
    name: "c-root-write-deny",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n"/etc/secret" = "deny"`,
    expect: { sandbox: WW(["/"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-root-write-deny-net",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n"/etc/secret" = "deny"\n[permissions.c.network]\nenabled = true`,
    expect: { sandbox: WW(["/"], true, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-root-write-read",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n"/etc" = "read"`,
    expect: { sandbox: WW(["/"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-root-write-globdeny",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n"/etc/**/*.key" = "deny"`,
    expect: {
      sandbox: WW(["/"], false, true, false),
      active: { id: "c", extends: null },
      warnings: [GLOBSTAR("/etc/**/*.key")],
    },
  },
  {
    name: "c-two-paths",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n"/zz" = "write"\n"/aa" = "write"\n":workspace_roots" = "write"`,
    expect: { sandbox: WW(["/aa", "/zz"], false, true, true), active: { id: "c", extends: null } },
  },
  {
    name: "c-cwd-path",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n"<PROJECT>" = "write"`,
    expect: { sandbox: WW([], false, true, true), active: { id: "c", extends: null } },
  },
  {
    name: "c-home-path",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n":workspace_roots" = "write"\n"~/data" = "write"`,
    expect: { sandbox: WW(["/root/data"], false, true, true), active: { id: "c", extends: null } },
  },
  {
    name: "c-globstar-deny",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.filesystem]\n"/opt/**/*.key" = "deny"`,
    expect: { sandbox: WW(), active: { id: "c", extends: ":workspace" }, warnings: [GLOBSTAR("/opt/**/*.key")] },
  },
  {
    name: "scoped-ws-glob",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.filesystem.":workspace_roots"]\n"**/*.env" = "deny"`,
    expect: {
      sandbox: WW(),
      active: { id: "c", extends: ":workspace" },
      warnings: [GLOBSTAR(":workspace_roots/**/*.env")],
    },
  },
  {
    name: "depth-2",
    user: `${C}[permissions.c]\nextends = ":read-only"\n[permissions.c.filesystem]\nglob_scan_max_depth = 2\n"/opt/**/*.key" = "deny"`,
    expect: { sandbox: RO(), active: { id: "c", extends: ":read-only" } },
  },
  {
    name: "access-none",
    user: `${C}[permissions.c.filesystem]\n":root" = "none"`,
    expect: { sandbox: RO(), active: { id: "c", extends: null } },
  },
  {
    name: "c-ext-ws-rm-write",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.filesystem]\n":slash_tmp" = "read"\n":tmpdir" = "read"`,
    expect: { sandbox: WW([], false, true, true), active: { id: "c", extends: ":workspace" } },
  },
  {
    name: "c-ext-ws-swr",
    trust: "trusted",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[sandbox_workspace_write]\nnetwork_access = true`,
    expect: { sandbox: WW(), active: { id: "c", extends: ":workspace" } },
  },
  {
    name: "c-wsroots-cfg",
    user: `${C}[permissions.c]\nextends = ":workspace"\n[permissions.c.workspace_roots]\n"/opt/w" = true\n"/opt/off" = false\n"rel/w" = true`,
    expect: { sandbox: WW(["/opt/w", `${CWD}/rel/w`]), active: { id: "c", extends: ":workspace" } },
  },
  {
    name: "c-fallback-order",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n"/zz" = "write"\n"/aa" = "write"\n":slash_tmp" = "write"`,
    expect: { sandbox: WW(["/aa", "/zz", "/tmp"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-rootw-tmp",
    user: `${C}[permissions.c.filesystem]\n":root" = "write"\n"/etc" = "read"\n":slash_tmp" = "write"\n"/opt/q" = "write"`,
    expect: { sandbox: WW(["/opt/q", "/", "/tmp"], false, true, false), active: { id: "c", extends: null } },
  },
  {
    name: "c-scoped-path",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n":workspace_roots" = "write"\n"/opt/base" = { "." = "write", "sub" = "write", "ro" = "read" }`,
    expect: { sandbox: WW(["/opt/base", "/opt/base/sub"], false, true, true), active: { id: "c", extends: null } },
  },
  // Hard errors of custom profile resolution and compilation.
  {
    name: "empty-perm-table",
    user: `${C}[permissions]`,
    expect: { error: "default_permissions refers to undefined profile `c`" },
  },
  {
    name: "c-ext-dfa",
    user: `${C}[permissions.c]\nextends = ":danger-full-access"`,
    expect: { error: "permissions profile `c` cannot extend unsupported built-in profile `:danger-full-access`" },
  },
  {
    name: "c-cycle",
    user: `${C}[permissions.c]\nextends = "d"\n[permissions.d]\nextends = "c"`,
    expect: { error: "permissions profile inheritance cycle detected: c -> d -> c" },
  },
  {
    name: "c-undef-parent",
    user: `${C}[permissions.c]\nextends = "zz"`,
    expect: { error: "permissions profile `c` extends undefined profile `zz`" },
  },
  {
    name: "c-rel-path",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n"rel/dir" = "write"`,
    expect: { error: "filesystem path `rel/dir` must be absolute, use `~/...`, or start with `:`" },
  },
  {
    name: "c-rw-glob",
    user: `${C}[permissions.c.filesystem]\n":root" = "read"\n":workspace_roots" = "write"\n"/opt/*/x" = "write"`,
    expect: {
      error:
        "filesystem glob path `/opt/*/x` only supports `deny` access; use an exact path or trailing `/**` for `write` subtree access",
    },
  },
  {
    name: "root-nested",
    user: `${C}[permissions.c.filesystem]\n":root" = { "x" = "read" }`,
    expect: { error: "filesystem path `:root` does not support nested entries" },
  },
  {
    name: "depth-0",
    user: `${C}[permissions.c]\nextends = ":read-only"\n[permissions.c.filesystem]\nglob_scan_max_depth = 0\n"/opt/**/*.key" = "deny"`,
    expect: { error: "glob_scan_max_depth must be at least 1" },
  },
];

describe("resolvePermissionProfile (custom profiles, probed against codex 0.169.0)", () => {
  it.each(cases)("$name", (probe) => expectProbe(probe, resolvePermissionProfile(inputOf(probe))));
});
