import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeFileSystem } from "../../../cli/src/adapters/node-file-system.ts";
import { rustTomlSyntaxError } from "../../../cli/src/adapters/rust-toml-errors.ts";
import { type LoadConfigLayersOptions, loadConfigLayers } from "./load-config-layers.ts";

// Real files in a temp directory: `etc/` stands in for /etc/codex, `home/` is CODEX_HOME, `proj/` a git checkout.
function fixture(files: Record<string, string>) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "warden-errors-")));
  for (const dir of ["etc", "home", "proj/.git"]) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, "proj/.git/HEAD"), "ref: refs/heads/main\n");
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith("/")) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text.replaceAll("<ROOT>", root));
    }
  }
  const load = (options: Partial<LoadConfigLayersOptions> = {}) =>
    loadConfigLayers(createNodeFileSystem(), {
      etcDir: join(root, "etc"),
      etcDisplayDir: "/etc/codex",
      codexHome: join(root, "home"),
      cwd: join(root, "proj"),
      profile: null,
      overrides: [],
      enable: [],
      disable: [],
      platform: "linux",
      rustTomlSyntaxError,
      ...options,
    });
  return { root, load };
}

// Observed from the binary: each row's files, then `codex [flags] debug prompt-input`, which exits 1
// with `Error: <text>`; `first` is the first line of <text> (the rest is anyhow's `Caused by:`).
const observed: Array<{
  name: string;
  files: Record<string, string>;
  options?: Partial<LoadConfigLayersOptions>;
  first: string;
}> = [
  {
    name: "malformed user config",
    files: { "home/config.toml": 'model = "x"\nfoo = \n' },
    first: "<ROOT>/home/config.toml:2:7: string values must be quoted, expected literal string",
  },
  {
    name: "malformed system config",
    files: { "etc/config.toml": "a = [1, 2\n" },
    first: "/etc/codex/config.toml:1:10: unclosed array, expected `]`",
  },
  {
    name: "malformed managed config",
    files: { "etc/managed_config.toml": "model = \n" },
    first: "/etc/codex/managed_config.toml:1:9: string values must be quoted, expected literal string",
  },
  {
    name: "malformed trusted project config",
    files: {
      "home/config.toml": '[projects."<ROOT>/proj"]\ntrust_level = "trusted"\n',
      "proj/.codex/config.toml": "model = \n",
    },
    first: "Error parsing project config file <ROOT>/proj/.codex/config.toml: TOML parse error at line 1, column 9",
  },
  {
    name: "a directory where config.toml should be",
    files: { "home/config.toml/": "" },
    first: "Failed to read config file <ROOT>/home/config.toml: path `<ROOT>/home/config.toml` is not a file",
  },
  {
    name: "type errors: the lowest failing layer wins",
    files: { "etc/config.toml": 'sandbox_mode = "bogus"\n', "home/config.toml": "model = 1\n" },
    first:
      "/etc/codex/config.toml:1:16: unknown variant `bogus`, expected one of `read-only`, `workspace-write`, `danger-full-access`",
  },
  {
    name: "type error from -c",
    files: {},
    options: { overrides: ["model=1"] },
    first: "invalid type: integer `1`, expected a string",
  },
  {
    name: "legacy profile selector",
    files: { "home/config.toml": 'profile = "work"\n' },
    first:
      'legacy `profile = "work"` config is no longer supported; use `--profile work` with `work.config.toml` instead',
  },
  {
    name: "--profile with a legacy [profiles.X] table",
    files: { "home/config.toml": '[profiles.work]\nmodel = "w"\n' },
    options: { profile: "work" },
    first:
      '--profile `work` cannot be used while <ROOT>/home/config.toml contains legacy `profile = "work"` or `[profiles.work]` config; move those settings into <ROOT>/home/work.config.toml and remove the legacy profile selector/table. See https://developers.openai.com/codex/config-advanced#profiles for more information.',
  },
  {
    name: "approval_policy = untrusted in a file",
    files: { "etc/config.toml": 'approval_policy = "untrusted"\n' },
    first: 'approval_policy = "untrusted" is no longer supported; remove this setting',
  },
  {
    name: "a type error beats the untrusted approval policy",
    files: { "etc/config.toml": 'approval_policy = "untrusted"\n', "home/config.toml": "model = 1\n" },
    first: "<ROOT>/home/config.toml:1:9: invalid type: integer `1`, expected a string",
  },
  {
    name: "malformed -c",
    files: {},
    options: { overrides: ["novalue"] },
    first: "Invalid override (missing '='): novalue",
  },
  { name: "unknown --enable", files: {}, options: { enable: ["bogus"] }, first: "Unknown feature flag: bogus" },
  {
    name: "-c project_root_markers",
    files: {},
    options: { overrides: ['project_root_markers="x"'] },
    first: "project_root_markers must be an array of strings",
  },
  {
    name: "mixed shell policy representations from -c",
    files: {},
    options: { overrides: ['shell_environment_policy={exclude=["a"],filters={b="include"}}'] },
    first:
      "invalid shell environment policy in session-flags: cannot mix `filters` with legacy `exclude` or `include_only`",
  },
  {
    name: "projects of the wrong type",
    files: { "home/config.toml": "projects = 1\n" },
    first: "<ROOT>/home/config.toml:1:12: invalid type: integer `1`, expected a map",
  },
];

describe("loadConfigLayers: fatal errors", () => {
  it.each(observed)("$name", async ({ files, options, first }) => {
    const { root, load } = fixture(files);
    const loaded = await load(options);
    expect(loaded.error?.message.split("\n")[0]).toBe(first.replaceAll("<ROOT>", root));
  });

  // Observed from the binary: no error when a higher layer overrides the bad value.
  it("accepts a bad value that a higher layer overrides", async () => {
    const { load } = fixture({ "etc/config.toml": 'sandbox_mode = "bogus"\n', "home/config.toml": "model = 1\n" });
    const loaded = await load({ overrides: ['sandbox_mode="read-only"', 'model="x"'] });
    expect(loaded.error).toBeNull();
  });

  // Observed from the binary: an unparsable file in an untrusted project loads as an empty, disabled layer.
  it("loads an unparsable untrusted project file as {}", async () => {
    const { load } = fixture({ "proj/.codex/config.toml": "model = \n" });
    const loaded = await load();
    expect(loaded.error).toBeNull();
    expect(loaded.layers[0]).toMatchObject({ config: {}, disabledReason: expect.stringContaining("add ") });
  });

  it("reports the Caused-by chain of a typed file error", async () => {
    const { root, load } = fixture({ "home/config.toml": "model = 1\n" });
    const loaded = await load();
    expect(loaded.error).toMatchObject({ file: `${root}/home/config.toml`, line: 1, column: 9, keyPath: "model" });
    expect(loaded.error?.message).toContain(
      "Caused by:\n    invalid type: integer `1`, expected a string\n    in `model`",
    );
  });

  it("reports a cloud fragment that does not parse", async () => {
    const { load } = fixture({});
    const loaded = await load({ cloudConfigFragments: [{ id: "f1", name: "Fleet", contents: "model = \n" }] });
    expect(loaded.error?.message.split("\n")[0]).toBe(
      "failed to parse cloud config fragment Fleet (f1): TOML parse error at line 1, column 9",
    );
  });

  it("rejects a --profile name that is not plain", async () => {
    const { load } = fixture({});
    const loaded = await load({ profile: "a/b" });
    expect(loaded.error?.message).toBe(
      "invalid value 'a/b' for '--profile <CONFIG_PROFILE_V2>': invalid --profile value `a/b`; pass a plain name such as `work`",
    );
  });
});
