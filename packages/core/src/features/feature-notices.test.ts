import { describe, expect, it } from "vitest";
import { collectFeatureDeprecations, unstableFeaturesWarning } from "./feature-notices.ts";
import { FEATURE_REGISTRIES } from "./feature-registry.ts";

const registry = FEATURE_REGISTRIES["0.169.0"];

describe("collectFeatureDeprecations", () => {
  // Oracle: these keys in $CODEX_HOME/config.toml `[features]`, `codex app-server`, `thread/start`;
  // the `deprecationNotice` notifications arrive in this order.
  it("orders notices by recorded alias", () => {
    const keys = [
      "codex_hooks",
      "collab",
      "connectors",
      "guardianv2.thread_context",
      "memory_tool",
      "multi_agent",
      "shell_zsh_fork",
      "telepathy",
      "transcript_v2",
      "unified_exec_zsh_fork",
      "use_legacy_landlock",
      "web_search",
      "web_search_cached",
    ];
    const summaries = collectFeatureDeprecations(registry, keys, undefined).map((notice) => notice.summary);
    expect(summaries).toEqual([
      "`[features].codex_hooks` is deprecated. Use `[features].hooks` instead.",
      "`[features].collab` is deprecated. Use `[features].multi_agent` instead.",
      "`[features].connectors` is deprecated. Use `[features].apps` instead.",
      "`[features.guardianv2].thread_context` is deprecated and ignored.",
      "`[features].transcript_v2` is deprecated and ignored.",
      "`[features].use_legacy_landlock` is deprecated and will be removed soon.",
      "`[features].web_search_cached` is deprecated because web search is enabled by default.",
      "`[features].memory_tool` is deprecated. Use `[features].memories` instead.",
      "`[features].shell_zsh_fork` is deprecated and ignored.",
      "`[features].telepathy` is deprecated. Use `[features].chronicle` instead.",
      "`[features].unified_exec_zsh_fork` is deprecated and ignored.",
      "`[features].web_search` is deprecated because web search is enabled by default.",
    ]);
  });

  it("gives the generic alias details and reads [features.guardianv2] thread_context", () => {
    expect(collectFeatureDeprecations(registry, ["request_permissions"], undefined)).toEqual([
      {
        summary: "`[features].request_permissions` is deprecated. Use `[features].exec_permission_approvals` instead.",
        details:
          "Enable it with `--enable exec_permission_approvals` or `[features].exec_permission_approvals` in config.toml. See https://developers.openai.com/codex/config-basic#feature-flags for details.",
      },
    ]);
    const notices = collectFeatureDeprecations(registry, [], { guardianv2: { thread_context: false } });
    expect(notices.map((notice) => notice.details)).toEqual([
      "Thread-owned Guardian context is always enabled. Remove `thread_context` from [features.guardianv2] in config.toml, including profile overrides.",
    ]);
    expect(collectFeatureDeprecations(registry, ["apps", "bogus", "guardianv2"], { guardianv2: true })).toEqual([]);
  });
});

describe("unstableFeaturesWarning", () => {
  // Oracle: `[features] psp, code_mode, agent_message_board, instant_interrupt, cli_resume_account_check = true`
  // in $CODEX_HOME/config.toml, `thread/start` ⇒ one `warning` notification with the keys sorted.
  it("lists configured, enabled, under-development canonical keys sorted", () => {
    const entries: Array<[string, boolean]> = [
      ["agent_message_board", true],
      ["cli_resume_account_check", true],
      ["code_mode", true],
      ["instant_interrupt", true],
      ["psp", true],
      ["request_permissions", true],
      ["apps", true],
      ["memories", false],
    ];
    const effective = {
      agent_message_board: true,
      cli_resume_account_check: true,
      code_mode: true,
      instant_interrupt: true,
      psp: true,
      exec_permission_approvals: true,
    };
    expect(unstableFeaturesWarning(registry, entries, effective, "/h/config.toml")).toBe(
      "Under-development features enabled: agent_message_board, cli_resume_account_check, code_mode, instant_interrupt, psp. Under-development features are incomplete and may behave unpredictably. To suppress this warning, set `suppress_unstable_features_warning = true` in /h/config.toml.",
    );
  });

  it("drops a key a pin turned off", () => {
    expect(unstableFeaturesWarning(registry, [["code_mode", true]], { code_mode: false }, "/h/config.toml")).toBeNull();
  });
});
