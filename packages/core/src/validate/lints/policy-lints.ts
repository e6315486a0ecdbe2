import type { PolicyKind } from "../policy-kind.ts";
import { emptyMcpAllowList } from "./empty-mcp-allow-list.ts";
import { hostnamePatternNeverMatches } from "./hostname-pattern-never-matches.ts";
import type { Lint } from "./lint.ts";
import { liveWebSearchAllowed } from "./live-web-search-allowed.ts";
import { managedProfileWithoutDefault } from "./managed-profile-without-default.ts";
import { relativeHookCommand } from "./relative-hook-command.ts";
import { remoteSandboxWithoutReadOnly } from "./remote-sandbox-without-read-only.ts";
import { toml11Syntax } from "./toml-11-syntax.ts";
import { undefinedPermissionProfile } from "./undefined-permission-profile.ts";
import { unknownConfigKeys } from "./unknown-config-keys.ts";
import { unknownRequirementsKeys } from "./unknown-requirements-keys.ts";

/** The single-file lints run on each kind of policy file (the cross-file lint is run by `validatePolicyFiles`). */
export const LINTS_BY_KIND: Readonly<Record<PolicyKind, readonly Lint[]>> = {
  requirements: [
    toml11Syntax,
    unknownRequirementsKeys,
    emptyMcpAllowList,
    remoteSandboxWithoutReadOnly,
    hostnamePatternNeverMatches,
    relativeHookCommand,
    liveWebSearchAllowed,
    undefinedPermissionProfile,
    managedProfileWithoutDefault,
  ],
  "managed-config": [toml11Syntax, unknownConfigKeys],
  config: [toml11Syntax, unknownConfigKeys],
};
