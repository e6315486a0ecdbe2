// Test support (not shipped logic): turns a probe case written the way it was run against the real
// codex 0.169.0 binary into a `PermissionResolutionInput`.
//
// Probe setup for every case using this fixture: scratch CODEX_HOME under /tmp holding `user` as
// config.toml (plus `[projects."<cwd>"] trust_level = …` when `trust` is set), a `git init`ed project
// as cwd, `req` as /etc/codex/requirements.toml via /work/shared/codex/oracle/with-etc-codex.sh,
// `codex app-server` → `thread/start {cwd, ephemeral: true}` (+ `sandbox` param for overrides), reading
// `sandbox`, `activePermissionProfile`, the `configWarning` notifications and the JSON-RPC error
// (`failed to load configuration: <error>`). Paths: the probe's project dir is written as CWD, $HOME was /root.
import { expect } from "vitest";
import type { ConfigLayer } from "../config/config-layer.ts";
import { mergeTomlValues } from "../config/merge-toml.ts";
import type { ApprovalPolicy } from "../constraints/approval-policy.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import { resolveDenyReadPatterns } from "./deny-read-pattern.ts";
import type {
  PermissionRequirements,
  PermissionResolution,
  PermissionResolutionInput,
} from "./permission-resolution.ts";
import type { SandboxMode } from "./sandbox-mode.ts";
import type { SandboxPolicyJson } from "./sandbox-policy.ts";

export const CWD = "/work/project";
export const HOME = "/root";
export const REQ_SOURCE = "/etc/codex/requirements.toml";

/** One binary-probed case: inputs as written in the probe, expected `thread/start` facts. */
export interface ProbeCase {
  name: string;
  req?: string;
  user?: string;
  /** Extra config layers `{ project, session }` above `user`; `projectDisabled` for an untrusted project. */
  project?: string;
  projectDisabled?: boolean;
  session?: string;
  trust?: "trusted" | "untrusted";
  approval?: ApprovalPolicy;
  sandboxOverride?: SandboxMode;
  expect:
    | { sandbox: SandboxPolicyJson; active: { id: string; extends: string | null } | null; warnings?: string[] }
    | { error: string };
}

function toml(text: string | undefined): TomlTable {
  const parsed = parseToml((text ?? "").replaceAll("<PROJECT>", CWD));
  if (!parsed.ok) throw new Error(`bad fixture TOML: ${parsed.error.message}`);
  return parsed.document.value;
}

function requirementsOf(text: string | undefined): PermissionRequirements {
  const req = toml(text);
  const sourced = <T>(value: T) => ({ value, source: REQ_SOURCE });
  const permissions = isTable(req.permissions) ? req.permissions : {};
  const managedProfiles: Record<string, TomlTable> = {};
  for (const [name, value] of Object.entries(permissions)) {
    if (name !== "filesystem" && name !== "network" && isTable(value)) managedProfiles[name] = value;
  }
  const filesystem = isTable(permissions.filesystem) ? permissions.filesystem : {};
  const denyRead = Array.isArray(filesystem.deny_read) ? (filesystem.deny_read as string[]) : null;
  return {
    allowedSandboxModes: Array.isArray(req.allowed_sandbox_modes)
      ? sourced(req.allowed_sandbox_modes as SandboxMode[])
      : null,
    allowedPermissionProfiles: isTable(req.allowed_permission_profiles)
      ? sourced(req.allowed_permission_profiles as Record<string, boolean>)
      : null,
    defaultPermissions: typeof req.default_permissions === "string" ? req.default_permissions : null,
    managedProfiles,
    denyRead: denyRead && sourced(resolveDenyReadPatterns(denyRead, { baseDir: "/etc/codex", homeDir: HOME })),
  };
}

function layer(type: "user" | "project" | "sessionFlags", precedence: number, config: TomlTable, disabled = false) {
  const name: ConfigLayer["name"] =
    type === "user"
      ? { type: "user", file: `${HOME}/.codex/config.toml`, profile: null }
      : type === "project"
        ? { type: "project", dotCodexFolder: `${CWD}/.codex` }
        : { type: "sessionFlags" };
  return { name, precedence, config, document: null, disabledReason: disabled ? "untrusted" : null };
}

/** Builds the resolver input of a probe case (approval defaults to the trust-derived default). */
export function inputOf(probe: ProbeCase): PermissionResolutionInput {
  const layers: ConfigLayer[] = [layer("user", 20, toml(probe.user))];
  if (probe.project !== undefined) layers.push(layer("project", 25, toml(probe.project), probe.projectDisabled));
  if (probe.session !== undefined) layers.push(layer("sessionFlags", 30, toml(probe.session)));
  const config = layers
    .filter((entry) => entry.disabledReason === null)
    .reduce<TomlTable>((merged, entry) => mergeTomlValues(merged, entry.config) as TomlTable, {});
  const configApproval = typeof config.approval_policy === "string" ? (config.approval_policy as ApprovalPolicy) : null;
  return {
    config,
    layers,
    trust: probe.trust ?? null,
    cwd: CWD,
    homeDir: HOME,
    tmpdir: null,
    platform: "linux",
    overrides: { sandboxMode: probe.sandboxOverride ?? null },
    approvalPolicy: probe.approval ?? configApproval ?? (probe.trust === "untrusted" ? "untrusted" : "on-request"),
    requirements: requirementsOf(probe.req),
  };
}

/** `readOnly` policy. */
export const RO = (networkAccess = false): SandboxPolicyJson => ({ type: "readOnly", networkAccess });
/** `workspaceWrite` policy with the given roots and flags. */
export const WW = (
  writableRoots: string[] = [],
  networkAccess = false,
  excludeTmpdirEnvVar = false,
  excludeSlashTmp = false,
): SandboxPolicyJson => ({
  type: "workspaceWrite",
  writableRoots,
  networkAccess,
  excludeTmpdirEnvVar,
  excludeSlashTmp,
});
/** `dangerFullAccess` policy. */
export const DFA: SandboxPolicyJson = { type: "dangerFullAccess" };

/** The §4.1 fallback warning to the read-only profile, with the constraint error as details. */
export function fallbackTo(detail: string): string {
  return `Configured value for \`permission_profile\` is disallowed by requirements; falling back to required value Managed { file_system: Restricted { entries: [FileSystemSandboxEntry { path: Special { value: Root }, access: Read, missing_path_behavior: None }], glob_scan_max_depth: None }, network: Restricted }. Details: ${detail}`;
}

/** The `allowed_sandbox_modes` constraint error for a candidate class and allowed list. */
export function notAllowed(candidate: string, allowed: string): string {
  return `invalid value for \`sandbox_mode\`: \`${candidate}\` is not in the allowed set ${allowed} (set by ${REQ_SOURCE})`;
}

/** Asserts a resolution against a probe case's expectation (error ⇒ no sandbox; else sandbox, profile, warnings). */
export function expectProbe(probe: ProbeCase, result: PermissionResolution): void {
  if ("error" in probe.expect) {
    expect(result.error).toBe(probe.expect.error);
    expect(result.sandboxPolicy).toBeNull();
    return;
  }
  expect(result.error).toBeNull();
  expect(result.sandboxPolicy).toEqual(probe.expect.sandbox);
  expect(result.activePermissionProfile).toEqual(probe.expect.active);
  expect(result.warnings).toEqual(probe.expect.warnings ?? []);
}
