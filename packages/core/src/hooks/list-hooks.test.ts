import { describe, expect, it } from "vitest";
import type { ConfigLayer, ConfigLayerName } from "../config/config-layer.ts";
import type { FileReadResult } from "../ports/file-system-port.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { isTable, type TomlTable } from "../toml/toml-value.ts";
import { type HookEntry, type HookListError, isRunnable } from "./hook-entry.ts";
import captured from "./list-hooks.cases.json" with { type: "json" };
import { hooksJsonPaths, type ListHooksInput, listHooks, requiredManagedHooksError } from "./list-hooks.ts";

/** One case of list-hooks.cases.json (see its `about`): the files Codex read and its reply. */
interface ListHooksCase {
  readonly name: string;
  readonly etc?: Readonly<Record<string, string>>;
  readonly home?: Readonly<Record<string, string>>;
  readonly proj?: Readonly<Record<string, string>>;
  readonly cwdRel?: string;
  readonly flags?: readonly string[];
  readonly plugin?: { pluginId: string; root: string; relPath: string; dataRoot: string; contentHash: string };
  readonly expected: { cwd: string; hooks: HookEntry[]; warnings: string[]; errors: HookListError[] };
}

const LIST_HOOKS_CASES = captured.cases as unknown as readonly ListHooksCase[];

function toml(text: string | undefined): TomlTable {
  if (text === undefined) return {};
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document.value;
}

function layer(name: ConfigLayerName, config: TomlTable, disabledReason: string | null = null): ConfigLayer {
  return { name, precedence: 0, config, document: null, disabledReason };
}

/** Rebuilds what Codex's loader would have handed discovery for a captured case. */
function inputFor(testCase: ListHooksCase): ListHooksInput {
  const root = `/tmp/cap/${testCase.name}`;
  const home = `${root}/home`;
  const proj = `${root}/proj`;
  const cwd = testCase.cwdRel ? `${proj}/${testCase.cwdRel}` : proj;
  const etc = testCase.etc ?? {};
  const homeConfig = toml(testCase.home?.["config.toml"]);
  const projects = homeConfig.projects;
  const project = isTable(projects) ? projects[proj] : undefined;
  const trusted = isTable(project) && project.trust_level === "trusted";
  const hooksJson = new Map<string, FileReadResult>();
  const addJson = (path: string, text: string | undefined) => {
    if (text !== undefined) hooksJson.set(path, { kind: "ok", text });
  };
  addJson("/etc/codex/hooks.json", etc["hooks.json"]);
  addJson(`${home}/hooks.json`, testCase.home?.["hooks.json"]);

  const layers: ConfigLayer[] = [];
  if (etc["managed_config.toml"] !== undefined) {
    const file = "/etc/codex/managed_config.toml";
    layers.push(layer({ type: "legacyManagedConfigTomlFromFile", file }, toml(etc["managed_config.toml"])));
  }
  if (testCase.flags) layers.push(layer({ type: "sessionFlags" }, toml(testCase.flags.join("\n"))));
  const projectDirs = [...new Set(Object.keys(testCase.proj ?? {}).map((file) => file.replace(/\/?\.codex\/.*$/, "")))];
  for (const dir of projectDirs.sort((a, b) => b.length - a.length)) {
    const folder = dir ? `${proj}/${dir}/.codex` : `${proj}/.codex`;
    const prefix = dir ? `${dir}/.codex` : ".codex";
    addJson(`${folder}/hooks.json`, testCase.proj?.[`${prefix}/hooks.json`]);
    const config = toml(testCase.proj?.[`${prefix}/config.toml`]);
    layers.push(layer({ type: "project", dotCodexFolder: folder }, config, trusted ? null : "untrusted project"));
  }
  layers.push(layer({ type: "user", file: `${home}/config.toml`, profile: null }, homeConfig));
  layers.push(layer({ type: "system", file: "/etc/codex/config.toml" }, toml(etc["config.toml"])));

  const requirements = toml(etc["requirements.toml"]);
  const hooks = requirements.hooks;
  const plugin = testCase.plugin;
  const pluginHookSources = plugin
    ? [
        {
          pluginId: plugin.pluginId,
          pluginRoot: `${home}/${plugin.root}`,
          pluginDataRoot: `${home}/${plugin.dataRoot}`,
          sourcePath: `${home}/${plugin.root}/${plugin.relPath}`,
          sourceRelativePath: plugin.relPath,
          contents: { kind: "ok", text: testCase.home?.[`${plugin.root}/${plugin.relPath}`] ?? "" } as const,
          contentHash: plugin.contentHash,
        },
      ]
    : [];
  return {
    cwd,
    platform: "linux",
    layers,
    managedHooks: isTable(hooks)
      ? { table: hooks, source: { kind: "system", path: "/etc/codex/requirements.toml" } }
      : null,
    allowManagedHooksOnly: requirements.allow_managed_hooks_only === true,
    hooksJson,
    pluginHookSources,
  };
}

describe("listHooks against hooks/list captured from codex 0.169.0", () => {
  it.each(LIST_HOOKS_CASES.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const result = listHooks(inputFor(testCase));
    expect({
      cwd: inputFor(testCase).cwd,
      hooks: result.hooks,
      warnings: result.warnings,
      errors: result.errors,
    }).toEqual(testCase.expected);
  });

  it("keeps requirements-hook load failures aside as required load errors", () => {
    const testCase = LIST_HOOKS_CASES.find((c) => c.name === "managed-dir")!;
    expect(listHooks(inputFor(testCase)).requiredLoadErrors).toEqual([
      expect.stringMatching(/^invalid matcher "\(bad" in \/opt\/guard: regex parse error:/),
      "skipping prompt hook in /opt/guard: prompt hooks are not supported yet",
      "skipping empty hook command in /opt/guard",
    ]);
  });

  it("renders the session start failure those errors cause (probed with thread/start)", () => {
    const result = listHooks({
      ...inputFor(LIST_HOOKS_CASES.find((c) => c.name === "user-toml")!),
      managedHooks: {
        table: {
          PreToolUse: [{ matcher: "(", hooks: [{ type: "command", command: "x" }] }],
          PostToolUse: [{ matcher: "(", hooks: [] }],
          Stop: [{ hooks: [{ type: "prompt" }, { type: "command", command: " " }] }],
        },
        source: { kind: "system", path: "/etc/codex/requirements.toml" },
      },
    });
    expect(requiredManagedHooksError(result)).toBe(
      'failed to load required managed hooks: invalid matcher "(" in /etc/codex/requirements.toml: regex parse error:\n    (\n    ^\nerror: unclosed group; skipping prompt hook in /etc/codex/requirements.toml: prompt hooks are not supported yet; skipping empty hook command in /etc/codex/requirements.toml',
    );
  });
});

describe("listHooks edge inputs", () => {
  const base = inputFor(LIST_HOOKS_CASES.find((c) => c.name === "user-toml")!);

  it("reports a config load error instead of hooks", () => {
    const message = "/home/u/.codex/config.toml:1:3: missing field `command`";
    expect(listHooks({ ...base, configError: message })).toEqual({
      hooks: [],
      warnings: [],
      errors: [{ path: base.cwd, message }],
      requiredLoadErrors: [],
    });
  });

  it("lists nothing when the hooks feature is off", () => {
    expect(listHooks({ ...base, hooksFeatureEnabled: false }).hooks).toEqual([]);
  });

  it("reports unreadable hooks.json files", () => {
    const hooksJson = new Map<string, FileReadResult>([
      ["/tmp/cap/user-toml/home/hooks.json", { kind: "error", message: "Permission denied (os error 13)" }],
    ]);
    expect(listHooks({ ...base, hooksJson }).warnings).toEqual([
      "failed to read hooks config /tmp/cap/user-toml/home/hooks.json: Permission denied (os error 13)",
    ]);
  });

  it("names the hooks.json files discovery reads, lowest layer first, enabled layers only", () => {
    const testCase = LIST_HOOKS_CASES.find((c) => c.name === "project-trusted")!;
    expect(hooksJsonPaths(inputFor(testCase).layers, "linux")).toEqual([
      "/etc/codex/hooks.json",
      "/tmp/cap/project-trusted/home/hooks.json",
      "/tmp/cap/project-trusted/proj/.codex/hooks.json",
      "/tmp/cap/project-trusted/proj/sub/.codex/hooks.json",
    ]);
  });

  it("tells which hooks run", () => {
    const testCase = LIST_HOOKS_CASES.find((c) => c.name === "trust-state")!;
    const runnable = listHooks(inputFor(testCase)).hooks.filter((entry) => isRunnable(entry));
    expect(runnable.map((entry) => entry.key)).toEqual(["/tmp/cap/trust-state/home/config.toml:pre_tool_use:0:0"]);
  });
});
