import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { applyExactRequirements } from "./apply-exact-requirements.ts";

const input = (requirements: TomlTable) => ({
  requirements,
  sourceOf: () => "/etc/codex/requirements.toml",
  resolveConfigPath: (p: string) => (p.startsWith("/") ? p : `/home/u/.codex/${p}`),
});

describe("applyExactRequirements (spec §4.3)", () => {
  // Observed with codex 0.169.0 (app-server configWarning), requirements.toml with these keys
  // (sqlite_home = "rel/db" relative to /etc/codex) and a user config.toml setting other values.
  it("warns in Codex's order with Rust Debug values and overwrites the config", () => {
    const config: TomlTable = {
      check_for_update_on_startup: true,
      cli_auth_credentials_store: "file",
      model_provider: "oss",
      sqlite_home: "/x",
      log_dir: "/y",
    };
    const warnings = applyExactRequirements(
      config,
      input({
        check_for_update_on_startup: false,
        cli_auth_credentials_store: "keyring",
        model_provider: "openai",
        allow_login_shell: false,
        sqlite_home: "/etc/codex/rel/db",
        log_dir: "/var/log/codex",
      }),
    );
    expect(warnings).toEqual([
      "Configured value for `cli_auth_credentials_store` is overridden by the required value Keyring from /etc/codex/requirements.toml.",
      'Configured value for `sqlite_home` is overridden by the required value AbsolutePathBuf("/etc/codex/rel/db") from /etc/codex/requirements.toml.',
      'Configured value for `log_dir` is overridden by the required value AbsolutePathBuf("/var/log/codex") from /etc/codex/requirements.toml.',
      'Configured value for `model_provider` is overridden by the required value "openai" from /etc/codex/requirements.toml.',
      "Configured value for `check_for_update_on_startup` is overridden by the required value false from /etc/codex/requirements.toml.",
    ]);
    expect(config.allow_login_shell).toBe(false);
    expect(config.model_provider).toBe("openai");
  });

  it("does not warn when the configured value is unset or equal", () => {
    const config: TomlTable = { log_dir: "logs" };
    expect(applyExactRequirements(config, input({ log_dir: "/home/u/.codex/logs", allow_login_shell: true }))).toEqual(
      [],
    );
    expect(config).toEqual({ log_dir: "/home/u/.codex/logs", allow_login_shell: true });
  });

  it("replaces configured model providers by id and overrides feedback with one warning", () => {
    const config: TomlTable = {
      model_providers: { a: { name: "A" }, b: { name: "B" } },
      feedback: { enabled: true },
    };
    const warnings = applyExactRequirements(
      config,
      input({ model_providers: { b: { name: "managed" } }, feedback: { enabled: false } }),
    );
    expect(config.model_providers).toEqual({ a: { name: "A" }, b: { name: "managed" } });
    expect(warnings).toEqual([
      "Configured values under `feedback` are overridden by requirements from /etc/codex/requirements.toml.",
    ]);
  });
});
