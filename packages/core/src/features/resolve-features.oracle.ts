import type { ResolveFeaturesInput } from "./resolve-features.ts";

/** The requirements source every oracle case uses. */
export const SOURCE = "/etc/codex/requirements.toml";

/** Requirement pins from `[features]` in `/etc/codex/requirements.toml`. */
export const pins = (entries: Array<[string, boolean]>) => ({ entries, source: SOURCE });

/** One resolveFeatures case whose expectations were read off the real binary. */
export interface OracleCase {
  readonly name: string;
  readonly input: Partial<ResolveFeaturesInput>;
  /** Features whose effective value was read off the binary. */
  readonly features?: Record<string, boolean>;
  readonly warnings?: string[];
  readonly error?: string;
}

// Every case below was run on the real 0.169.0 binary (node_modules/@openai/codex-linux-x64/…/codex):
//   mkdir $T/etc $T/home; requirements → $T/etc/requirements.toml, config → $T/home/config.toml,
//   managed → $T/etc/managed_config.toml;
//   CODEX_HOME=$T/home with-etc-codex.sh $T/etc codex features list [--enable X] [--disable X] [-c features.X=V]
// for the values, and `with-etc-codex.sh $T/etc codex app-server [flags]` (`initialize`, then
// `experimentalFeature/list {limit: 1000}`) for the `configWarning` notifications; errors are
// `codex exec`'s `Error: …` line. Pins are `[features]` in requirements.toml.
/** The binary-checked cases. */
export const ORACLE_CASES: OracleCase[] = [
  {
    name: "§6 case 68: unknown pin warns and is ignored",
    input: { requirements: pins([["totally_unknown_feature", true]]) },
    features: { apps: true },
    warnings: [`Ignoring unknown \`features\` requirement \`totally_unknown_feature\` from ${SOURCE}`],
  },
  {
    name: "§6 case 69: pins beat user config silently; auto_review pins guardian_approval",
    input: {
      config: { features: { apps: true } },
      requirements: pins([
        ["apps", false],
        ["auto_review", true],
      ]),
    },
    features: { apps: false, guardian_approval: true },
    warnings: [],
  },
  {
    name: "auto_review=false turns guardian_approval off; a later guardian_approval key wins",
    input: {
      requirements: pins([
        ["guardian_approval", true],
        ["auto_review", false],
        ["memory_tool", true],
      ]),
    },
    features: { guardian_approval: true, memories: true },
    warnings: [
      `Using legacy \`features\` requirement \`memory_tool\` from ${SOURCE}; prefer canonical feature key \`memories\``,
    ],
  },
  {
    name: "pin warnings come out sorted by key; removed features warn or stay silent",
    input: {
      requirements: pins([
        ["undo", true],
        ["shell_zsh_fork", true],
        ["personality", true],
        ["connectors", false],
        ["bogus_x", true],
      ]),
    },
    features: { undo: true, shell_zsh_fork: false, personality: false, apps: false },
    warnings: [
      `Ignoring unknown \`features\` requirement \`bogus_x\` from ${SOURCE}`,
      `Using legacy \`features\` requirement \`connectors\` from ${SOURCE}; prefer canonical feature key \`apps\``,
      `Ignoring removed \`features\` requirement \`shell_zsh_fork\` from ${SOURCE}; the patched zsh backend has been removed.`,
    ],
  },
  {
    name: "removed worktrees pin is ignored with its own reason",
    input: {
      requirements: pins([
        ["worktrees", false],
        ["guardianv2.thread_context", true],
      ]),
    },
    features: { worktrees: true, "guardianv2.thread_context": false },
    warnings: [
      `Ignoring removed \`features\` requirement \`guardianv2.thread_context\` from ${SOURCE}; thread-owned Guardian context is always enabled.`,
      `Ignoring removed \`features\` requirement \`worktrees\` from ${SOURCE}; availability no longer depends on this feature flag.`,
    ],
  },
  {
    name: "normalization flipping a pin is fatal; pins listed in enum order",
    input: {
      cli: { enable: ["code_mode_only"], disable: [] },
      requirements: pins([
        ["code_mode", false],
        ["apps", false],
        ["auto_review", true],
        ["zzz", true],
      ]),
    },
    error: `invalid value for \`features\`: \`code_mode=true\` is not in the allowed set [code_mode=false, apps=false, guardian_approval=true] (set by ${SOURCE})`,
  },
  {
    name: "same error from config, with alias pins resolved",
    input: {
      config: { features: { code_mode_only: true } },
      requirements: pins([
        ["code_mode", false],
        ["collab", true],
        ["connectors", false],
        ["guardian_approval", false],
        ["auto_review", true],
      ]),
    },
    error: `invalid value for \`features\`: \`code_mode=true\` is not in the allowed set [code_mode=false, multi_agent=true, apps=false, guardian_approval=false] (set by ${SOURCE})`,
  },
  {
    name: "reviewers without user force guardianv2 off",
    input: { config: { features: { guardianv2: true } }, reviewersExcludeUser: true },
    features: { guardianv2: false, guardian_approval: true },
  },
  {
    name: "a guardianv2 pin beats the reviewer rule",
    input: { requirements: pins([["guardianv2", true]]), reviewersExcludeUser: true },
    features: { guardianv2: true },
  },
  {
    name: "config cannot turn unified_exec off, a pin (even via alias) can",
    input: {
      config: { features: { unified_exec: false, undo: true, worktrees: false } },
      requirements: pins([["experimental_use_unified_exec_tool", false]]),
    },
    features: { unified_exec: false, undo: false, worktrees: true },
    warnings: [
      `Using legacy \`features\` requirement \`experimental_use_unified_exec_tool\` from ${SOURCE}; prefer canonical feature key \`unified_exec\``,
    ],
  },
  {
    name: "config entries apply in key order (collab < multi_agent, apps < connectors)",
    input: { config: { features: { multi_agent: true, collab: false, apps: false, connectors: true } } },
    features: { multi_agent: true, apps: true },
  },
  {
    name: "--disable beats --enable; --enable beats config.toml",
    input: {
      config: { features: { apps: true, memories: false } },
      cli: { enable: ["apps", "memories"], disable: ["apps"] },
    },
    features: { apps: false, memories: true },
  },
  {
    name: "--enable apps loses to a later-sorting configured alias",
    input: { config: { features: { connectors: false } }, cli: { enable: ["apps"], disable: [] } },
    features: { apps: false },
  },
  {
    name: "managed_config.toml sits above --enable",
    input: { cli: { enable: ["apps"], disable: ["multi_agent"] }, aboveSessionFlags: { features: { apps: false } } },
    features: { apps: false, multi_agent: false },
  },
  {
    name: "--enable guardianv2.thread_context turns features.guardianv2 into a table",
    input: { config: { features: { guardianv2: true } }, cli: { enable: ["guardianv2.thread_context"], disable: [] } },
    features: { guardianv2: false, "guardianv2.thread_context": false },
  },
  {
    name: "code_mode_only pulls code_mode in",
    input: { config: { features: { code_mode: false } }, cli: { enable: ["code_mode_only"], disable: [] } },
    features: { code_mode: true, code_mode_only: true },
  },
  {
    name: "unknown --enable",
    input: { cli: { enable: ["bogus"], disable: [] } },
    error: "Unknown feature flag: bogus",
  },
  {
    name: "wrong-typed user value",
    input: { config: { features: { apps: "yes" } } },
    error: 'invalid type: string "yes", expected a boolean\nin `features`',
  },
  {
    name: "rollout_budget pinned on without a budget",
    input: { requirements: pins([["rollout_budget", true]]) },
    error: "features.rollout_budget.limit_tokens is required when rollout_budget is enabled",
  },
  {
    name: "rollout_budget pinned on with a configured budget",
    input: {
      config: { features: { rollout_budget: { enabled: false, limit_tokens: 5n, reminder_at_remaining_tokens: [] } } },
      requirements: pins([["rollout_budget", true]]),
    },
    features: { rollout_budget: true },
  },
];
