import { listHooks } from "../hooks/list-hooks.ts";
import { isTable, type KeyPath, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import type { Finding } from "./diagnostic-at.ts";

const DIRECTORY_KEYS = ["managed_dir", "windows_managed_dir"];

function discover(file: string, table: TomlTable) {
  return listHooks({
    cwd: "/",
    platform: "linux",
    layers: [],
    managedHooks: { table, source: { kind: "system", path: file } },
    allowManagedHooksOnly: false,
    hooksJson: new Map(),
  });
}

/**
 * What Codex's hook discovery says about the managed `[hooks]` of a requirements file
 * (hooks-execpolicy-spec §1.3, `hooks/list.ts`). A managed handler Codex cannot load (invalid
 * matcher regex, empty command, unsupported `prompt`/`agent` handler, …) makes it refuse to start
 * every session (`failed to load required managed hooks: …`): an error. Its other discovery
 * warnings (clamped timeouts, …) are warnings. Each handler is discovered alone to locate them.
 */
export function managedHookFindings(
  file: string,
  hooks: TomlTable,
  skipGroup: (event: string, index: number) => boolean = () => false,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = `${finding.message}\u0000${JSON.stringify(finding.path)}`;
    if (!seen.has(key)) findings.push(finding);
    seen.add(key);
  };
  const whole = discover(file, hooks);
  if (whole.warnings.length === 0) return [];
  const directories: TomlTable = {};
  for (const key of DIRECTORY_KEYS) if (Object.hasOwn(hooks, key)) directories[key] = hooks[key] as TomlValue;

  for (const [event, groups] of Object.entries(hooks)) {
    if (DIRECTORY_KEYS.includes(event) || !Array.isArray(groups)) continue;
    groups.forEach((group, groupIndex) => {
      if (!isTable(group) || skipGroup(event, groupIndex)) return;
      const groupPath: KeyPath = ["hooks", event, groupIndex];
      const handlers: TomlValue[] = Array.isArray(group.hooks) ? group.hooks : [];
      const runs = handlers.length === 0 ? [null] : handlers.map((_, index) => index);
      for (const index of runs) {
        const only = index === null ? [] : [handlers[index] as TomlValue];
        const result = discover(file, { ...directories, [event]: [{ ...group, hooks: only }] });
        const handlerPath: KeyPath = index === null ? groupPath : [...groupPath, "hooks", index];
        for (const warning of result.warnings) {
          const fatal = result.requiredLoadErrors.includes(warning);
          const path = warning.startsWith("invalid matcher ") ? [...groupPath, "matcher"] : handlerPath;
          add(
            fatal
              ? {
                  code: "requirements-hooks",
                  severity: "error",
                  message: `failed to load required managed hooks: ${warning}`,
                  path,
                }
              : { code: "managed-hook-warning", severity: "warning", message: warning, path },
          );
        }
      }
    });
  }
  return findings;
}
