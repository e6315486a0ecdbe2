import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeFileSystem } from "../../../cli/src/adapters/node-file-system.ts";
import { type LoadConfigLayersOptions, loadConfigLayers } from "./load-config-layers.ts";

// Real files in a temp directory: `etc/` stands in for /etc/codex, `home/` is CODEX_HOME, `proj/` a git checkout.
function fixture(files: Record<string, string>, dirs: string[] = ["proj/.git"]) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "warden-layers-")));
  for (const dir of ["etc", "home", "proj", ...dirs]) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, "proj/.git/HEAD"), "ref: refs/heads/main\n");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text.replaceAll("<ROOT>", root));
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
      homeDir: "/root",
      ...options,
    });
  return { root, load };
}

const TRUST = (path: string, level = "trusted") => `[projects."<ROOT>/${path}"]\ntrust_level = "${level}"\n`;

describe("loadConfigLayers: the layer stack", () => {
  // Observed from the binary: oracle case `layered` (samples/effective-config-layered.json) —
  // `config/read` lists managed > session flags > project > user > system, and origins per leaf.
  it("orders layers like config/read and records origins", async () => {
    const { root, load } = fixture({
      "etc/config.toml": 'model = "gpt-system-default"\nmodel_verbosity = "low"\n',
      "etc/managed_config.toml": 'model_reasoning_effort = "low"\n',
      "home/config.toml": `approval_policy = "never"\nmodel_reasoning_effort = "high"\n[mcp_servers.docs]\ncommand = "docs-server"\n${TRUST("proj")}`,
      "proj/.codex/config.toml": 'sandbox_mode = "workspace-write"\nmodel_verbosity = "high"\n',
    });
    const loaded = await load({ overrides: ['model_verbosity="medium"'] });
    expect(loaded.error).toBeNull();
    expect(loaded.layers.map((layer) => layer.name)).toEqual([
      { type: "legacyManagedConfigTomlFromFile", file: "/etc/codex/managed_config.toml" },
      { type: "sessionFlags" },
      { type: "project", dotCodexFolder: `${root}/proj/.codex` },
      { type: "user", file: `${root}/home/config.toml`, profile: null },
      { type: "system", file: "/etc/codex/config.toml" },
    ]);
    expect(loaded.merged).toMatchObject({
      model: "gpt-system-default",
      model_verbosity: "medium",
      model_reasoning_effort: "low",
    });
    expect(loaded.origins).toMatchObject({
      model: { type: "system", file: "/etc/codex/config.toml" },
      model_verbosity: { type: "sessionFlags" },
      sandbox_mode: { type: "project", dotCodexFolder: `${root}/proj/.codex` },
      "mcp_servers.docs.command": { type: "user", file: `${root}/home/config.toml`, profile: null },
      [`projects.${root}/proj.trust_level`]: { type: "user", file: `${root}/home/config.toml`, profile: null },
    });
    expect(loaded.trust).toMatchObject({
      projectRoot: `${root}/proj`,
      trustLevel: "trusted",
      activeProjectTrustLevel: "trusted",
    });
  });

  // Observed from the binary: `config/read {cwd: proj/sub/deep}` with `.codex` in proj and proj/sub.
  it.each([
    { name: "no trust entry", home: "", reasons: ["add", "add"] },
    { name: "root explicitly untrusted", home: TRUST("proj", "untrusted"), reasons: ["marked", "marked"] },
    { name: "only sub trusted", home: TRUST("proj/sub"), reasons: [null, "add"] },
    { name: "cwd trusted does not trust folders above it", home: TRUST("proj/sub/deep"), reasons: ["add", "add"] },
  ])("decides trust per .codex folder: $name", async ({ home, reasons }) => {
    const { root, load } = fixture(
      {
        "home/config.toml": home,
        "proj/.codex/config.toml": 'model = "root"\n',
        "proj/sub/.codex/config.toml": 'model = "sub"\n',
      },
      ["proj/.git", "proj/sub/deep"],
    );
    const loaded = await load({ cwd: `${root}/proj/sub/deep` });
    const add = `To load project-local config, hooks, and exec policies, add ${root}/proj as a trusted project in ${root}/home/config.toml.`;
    const marked = `${root}/proj is marked as untrusted in the effective configuration. To load project-local config, hooks, and exec policies, update its trust setting. If that setting is managed by your organization, contact your administrator.`;
    const expected = reasons.map((reason) => (reason === "add" ? add : reason === "marked" ? marked : null));
    expect(loaded.layers.filter((layer) => layer.name.type === "project").map((layer) => layer.disabledReason)).toEqual(
      expected,
    );
    const disabled = expected.filter((reason) => reason !== null).length;
    expect(loaded.warnings[0]?.startsWith("Project-local config, hooks, and exec policies are disabled")).toBe(
      disabled > 0,
    );
  });

  // Observed from the binary: app-server `configWarning` for an untrusted checkout with one `.codex`.
  it("words the app-server notice for disabled project folders", async () => {
    const { root, load } = fixture({ "proj/.codex/config.toml": 'model = "p"\n' });
    const loaded = await load();
    expect(loaded.warnings).toEqual([
      `Project-local config, hooks, and exec policies are disabled in the following folders until the project is trusted, but skills still load.\n    1. ${root}/proj/.codex\n       To load project-local config, hooks, and exec policies, add ${root}/proj as a trusted project in ${root}/home/config.toml.\n`,
    ]);
    expect(loaded.merged.model).toBeUndefined();
  });

  // Observed from the binary: trusted project with every denylisted key; the layer keeps the rest.
  it("drops project-local denylisted keys and warns only when trusted", async () => {
    const project =
      'model = "p"\nmodel_provider = "x"\nopenai_base_url = "http://a"\nnotify = ["n"]\n[otel]\nenvironment = "e"\n[features]\nrespect_system_proxy = true\ncredential_masking = true\ngoals = true\n';
    for (const trusted of [true, false]) {
      const { root, load } = fixture({
        "home/config.toml": trusted ? TRUST("proj") : "",
        "proj/.codex/config.toml": project,
      });
      const loaded = await load();
      expect(loaded.layers[0]?.config).toEqual({ model: "p", features: { goals: true } });
      const warning = `Ignored unsupported project-local config keys in ${root}/proj/.codex/config.toml: openai_base_url, model_provider, notify, otel, features.respect_system_proxy, features.credential_masking. If you want these settings to apply, manually set them in your user-level config.toml.`;
      expect(loaded.warnings.includes(warning)).toBe(trusted);
    }
  });

  // Observed from the binary: `project_root_markers` from `-c` and from managed_config.toml.
  it.each([
    { markers: '[".hg"]', folders: ["a"] },
    { markers: "[]", folders: [] },
  ])("finds the project root with project_root_markers = $markers", async ({ markers, folders }) => {
    const { root, load } = fixture(
      {
        "proj/.codex/config.toml": "",
        "proj/a/.codex/config.toml": "",
        "proj/a/.hg": "",
        "etc/managed_config.toml": `project_root_markers = ${markers}\n`,
      },
      ["proj/.git", "proj/a/b"],
    );
    const loaded = await load({ cwd: `${root}/proj/a/b` });
    const expected = folders.map((folder) => `${root}/proj/${folder}/.codex`);
    expect(
      loaded.layers.flatMap((layer) => (layer.name.type === "project" ? [layer.name.dotCodexFolder] : [])),
    ).toEqual(expected);
  });

  // Observed from the binary: a symlinked checkout trusted under its link path; folders keep the link path.
  it("trusts a symlinked checkout through its raw path and names the canonical key", async () => {
    const { root, load } = fixture({ "proj/.codex/config.toml": 'model = "r"\n', "home/config.toml": TRUST("link") });
    symlinkSync(`${root}/proj`, `${root}/link`);
    const trusted = await load({ cwd: `${root}/link` });
    expect(trusted.layers[0]).toMatchObject({ name: { dotCodexFolder: `${root}/link/.codex` }, disabledReason: null });
    writeFileSync(`${root}/home/config.toml`, "");
    const untrusted = await load({ cwd: `${root}/link` });
    expect(untrusted.layers[0]?.disabledReason).toContain(`add ${root}/proj as a trusted project`);
  });

  // Observed from the binary: `git worktree add ../wt`; trust on the main checkout, hooks from it.
  it("resolves a linked worktree to its main checkout for trust and hooks", async () => {
    const hooks = (command: string) =>
      `[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "${command}"\n`;
    const { root, load } = fixture(
      {
        "home/config.toml": TRUST("proj"),
        "proj/.codex/config.toml": `model = "main"\n${hooks("main-hook")}`,
        "wt/.git": "gitdir: <ROOT>/proj/.git/worktrees/wt\n",
        "wt/.codex/config.toml": `model = "wt"\n${hooks("wt-hook")}`,
      },
      ["proj/.git/worktrees/wt"],
    );
    const loaded = await load({ cwd: `${root}/wt` });
    expect(loaded.layers[0]).toMatchObject({ name: { dotCodexFolder: `${root}/wt/.codex` }, disabledReason: null });
    expect(loaded.layers[0]?.config).toEqual({
      model: "wt",
      hooks: { PreToolUse: [{ hooks: [{ type: "command", command: "main-hook" }] }] },
    });
    expect(loaded.trust.repoRoot).toBe(`${root}/proj`);
  });

  // Observed from the binary: CODEX_HOME=<proj>/.codex gives a user layer and no project layer.
  it("skips a .codex folder that is CODEX_HOME", async () => {
    const { root, load } = fixture({ "proj/.codex/config.toml": 'model = "home"\n' });
    const loaded = await load({ codexHome: `${root}/proj/.codex` });
    expect(loaded.layers.map((layer) => layer.name.type)).toEqual(["user", "system"]);
  });

  // Observed from the binary: managed_config.toml beats -c and its trust entry trusts the project.
  it("puts the legacy managed config on top and lets it decide trust", async () => {
    const { root, load } = fixture({
      "etc/managed_config.toml": `model_reasoning_effort = "low"\n${TRUST("proj")}`,
      "proj/.codex/config.toml": 'model = "p"\n',
    });
    const loaded = await load({ overrides: ['model_reasoning_effort="high"'] });
    expect(loaded.merged).toMatchObject({ model: "p", model_reasoning_effort: "low" });
    expect(loaded.origins.model_reasoning_effort).toEqual({
      type: "legacyManagedConfigTomlFromFile",
      file: "/etc/codex/managed_config.toml",
    });
    expect(loaded.layers.find((layer) => layer.name.type === "project")?.disabledReason).toBeNull();
    expect(root).toBeTruthy();
  });

  // Observed from the binary: relative and `~` paths in the system layer, `-c` paths against the cwd.
  it("resolves path-typed settings per layer", async () => {
    const { root, load } = fixture({
      "etc/config.toml": 'sqlite_home = "rel"\nlog_dir = "~/logs"\n',
      "home/config.toml": 'sqlite_home = "a/../b/./c"\n',
    });
    const loaded = await load({ overrides: ['log_dir="./x"'] });
    expect(loaded.layers.map((layer) => layer.config)).toEqual([
      { log_dir: `${root}/proj/x` },
      { sqlite_home: `${root}/home/b/c` },
      { sqlite_home: "/etc/codex/rel", log_dir: "/root/logs" },
    ]);
  });

  // Observed from the binary: unknown keys in system, user and `-c`, sorted by layer name.
  it("warns about unrecognized settings", async () => {
    const { root, load } = fixture({
      "etc/config.toml": "zz_sys = 1\naa_sys = 2\n",
      "home/config.toml": "[features]\nbogus_feature = true\n",
    });
    const loaded = await load({ overrides: ["bb=1"] });
    expect(loaded.warnings).toEqual([
      `Codex is ignoring 4 unrecognized configuration settings. Check for typos or deprecated settings.\n  session-flags: \`bb\` is ignored.\n  system (/etc/codex/config.toml): \`aa_sys\` is ignored.\n  system (/etc/codex/config.toml): \`zz_sys\` is ignored.\n  ... and 1 more ignored settings.`,
    ]);
    expect(root).toBeTruthy();
  });

  it("adds the profile file as a second user layer, empty when missing", async () => {
    const { root, load } = fixture({
      "home/config.toml": 'model = "base"\n',
      "home/work.config.toml": 'model = "w"\n',
    });
    const withFile = await load({ profile: "work" });
    expect(withFile.layers.map((layer) => layer.name)).toContainEqual({
      type: "user",
      file: `${root}/home/work.config.toml`,
      profile: "work",
    });
    expect(withFile.merged.model).toBe("w");
    const missing = await load({ profile: "other" });
    expect(missing.error).toBeNull();
    expect(missing.merged.model).toBe("base");
  });

  it("layers cloud fragments between system and user, highest priority last", async () => {
    const { load } = fixture({});
    const loaded = await load({
      cloudConfigFragments: [
        { id: "hi", name: "High", contents: 'model = "high"\n' },
        { id: "lo", name: "Low", contents: 'model = "low"\nmodel_verbosity = "low"\n' },
      ],
    });
    expect(loaded.layers.map((layer) => layer.name.type)).toEqual([
      "user",
      "enterpriseManaged",
      "enterpriseManaged",
      "system",
    ]);
    expect(loaded.origins.model).toEqual({ type: "enterpriseManaged", id: "hi", name: "High" });
    expect(loaded.merged).toMatchObject({ model: "high", model_verbosity: "low" });
  });

  it("adds the legacy MDM managed config on top, on macOS only (source: loader/macos.rs)", async () => {
    const { load } = fixture({ "etc/managed_config.toml": 'model = "file"\n' });
    const encoded = btoa('model = "mdm"\n');
    const mac = await load({ platform: "macos", mdmConfigTomlBase64: ` ${encoded} ` });
    expect(mac.layers[0]?.name).toEqual({ type: "legacyManagedConfigTomlFromMdm" });
    expect(mac.merged.model).toBe("mdm");
    const linux = await load({ mdmConfigTomlBase64: encoded });
    expect(linux.merged.model).toBe("file");
    const broken = await load({ platform: "macos", mdmConfigTomlBase64: "Y!==" });
    expect(broken.error?.message).toBe("Invalid symbol 33, offset 1.");
  });
});
