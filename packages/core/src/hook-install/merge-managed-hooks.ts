import { type AST, parseTOML } from "toml-eslint-parser";
import { parseToml } from "../toml/parse-toml.ts";
import { isTable, type TomlTable, type TomlValue } from "../toml/toml-value.ts";
import { type ManagedHooksSpec, renderManagedHooksBlock } from "./managed-hooks-block.ts";

/** What the merge did, or why it refused. */
export type ManagedHooksMerge =
  | { readonly text: string; readonly change: "created" | "added" | "replaced" | "unchanged" }
  | { readonly error: { readonly code: "syntax" | "conflict"; readonly message: string } };

const WARDEN_COMMAND = /(^|[\s/"'])warden(\.mjs)?['"]?\s+hook(\s|$)|hook\.cjs\b/;

function handlerCommands(hooks: TomlTable): string[] {
  const commands: string[] = [];
  for (const [key, groups] of Object.entries(hooks)) {
    if (key === "managed_dir" || key === "windows_managed_dir" || !Array.isArray(groups)) continue;
    for (const group of groups) {
      const handlers = isTable(group) ? group.hooks : undefined;
      if (!Array.isArray(handlers)) continue;
      for (const handler of handlers) {
        if (isTable(handler)) commands.push(typeof handler.command === "string" ? handler.command : "");
      }
    }
  }
  return commands;
}

/**
 * Whether an existing `[hooks]` table is Warden's own (safe to replace): every handler runs
 * `warden hook`, or there are no handlers and the managed dir is ours (or unset).
 */
export function isWardenHooksTable(hooks: TomlValue, managedDir: string): boolean {
  if (!isTable(hooks)) return false;
  const commands = handlerCommands(hooks);
  if (commands.length > 0) return commands.every((command) => WARDEN_COMMAND.test(command));
  return hooks.managed_dir === undefined || hooks.managed_dir === managedDir;
}

function keyOf(node: AST.TOMLKeyValue | AST.TOMLTable): string | number | undefined {
  if (node.type === "TOMLTable") return node.resolvedKey[0];
  const first = node.key.keys[0];
  return first?.type === "TOMLBare" ? first.name : first?.value;
}

// Removes every top-level `hooks…` key/value and `[hooks…]` table, each to the end of its last line.
function removeHooks(text: string, nodes: ReadonlyArray<AST.TOMLKeyValue | AST.TOMLTable>): string {
  let out = "";
  let from = 0;
  for (const node of nodes) {
    if (keyOf(node) !== "hooks") continue;
    const [start, end] = node.range;
    const lineEnd = text.indexOf("\n", end);
    out += text.slice(from, start);
    from = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  out += text.slice(from);
  return out.replace(/^# Managed by `warden hook install`.*\n/m, "").replace(/\n{3,}/g, "\n\n");
}

/**
 * Puts Warden's managed `[hooks]` block into a requirements.toml text: appended when there is
 * none, replacing Warden's own block, and refusing a different existing hooks configuration
 * unless `force`. Everything outside the `hooks` tables is kept byte for byte, comments included.
 */
export function mergeManagedHooks(existing: string | null, spec: ManagedHooksSpec, force: boolean): ManagedHooksMerge {
  const block = renderManagedHooksBlock(spec);
  if (existing === null || existing.trim() === "") return { text: block, change: "created" };
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(existing.replace(/^\uFEFF/, ""), { tomlVersion: "1.1" });
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    const message = `requirements.toml does not parse (line ${e.lineNumber ?? "?"}): ${e.message ?? error}`;
    return { error: { code: "syntax", message } };
  }
  const text = existing.replace(/^\uFEFF/, "");
  const nodes = ast.body[0]?.body ?? [];
  const hooksNodes = nodes.filter((node) => keyOf(node) === "hooks");
  if (hooksNodes.length === 0) {
    const separator = text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
    return { text: `${text}${separator}${block}`, change: "added" };
  }
  const parsed = parseToml(text);
  const hooksValue = parsed.ok ? (parsed.document.value.hooks ?? {}) : {};
  if (!force && !isWardenHooksTable(hooksValue, spec.managedDir)) {
    return {
      error: {
        code: "conflict",
        message:
          "requirements.toml already has a [hooks] configuration that does not run `warden hook`; " +
          "rerun with --force to replace it",
      },
    };
  }
  const kept = removeHooks(text, nodes).trimEnd();
  const merged = kept === "" ? block : `${kept}\n\n${block}`;
  return { text: merged, change: merged === text ? "unchanged" : "replaced" };
}
