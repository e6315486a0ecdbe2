import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type TomlEditModule = { initSync: (options: { module: Buffer }) => void; parse: (text: string) => unknown };

let tomlEdit: TomlEditModule | null = null;

/** How ES modules are imported lazily; `bin/warden.cjs` supplies its own (the bundle runs in `vm`). */
let importModule: (specifier: string) => Promise<unknown> = (specifier) => import(specifier);

/** Replaces the lazy ES module importer (see `bin/warden.cjs`). */
export function setModuleImporter(importer: (specifier: string) => Promise<unknown>): void {
  importModule = importer;
}

/**
 * Codex's own TOML error text for a document that does not parse (the Rust `toml` crate's
 * span-style message), from the Rust parser compiled to wasm. Loaded only on this error path.
 */
export async function rustTomlSyntaxError(text: string): Promise<string | null> {
  tomlEdit ??= await loadTomlEdit();
  try {
    tomlEdit.parse(text);
    return null;
  } catch (error) {
    const message = String((error as Error)?.message ?? error).replace(/^Parse Error: /, "");
    return alignUnclosedAtEof(text, message);
  }
}

const HEAD = /^TOML parse error at line (\d+), column (\d+)\n/;

/**
 * The wasm build's parser reports an unclosed array or inline table at the very end of the input;
 * Codex's (toml 0.9) points just past the last token, before trailing blank lines and comments
 * (probed: `a = [1,\n` is column 8, `a = [1, # c\n` column 8, `a = {b = 1\n\n` column 11).
 */
function alignUnclosedAtEof(text: string, display: string): string {
  const head = HEAD.exec(display);
  const lines = display.split("\n");
  const message = lines.slice(4).join("\n").replace(/\n+$/, "");
  if (!head || !/^unclosed (array|inline table)/.test(message)) return display;
  const offset = offsetOf(text, Number(head[1]), Number(head[2]));
  if (offset < text.replace(/\s+$/, "").length) return display;
  const end = endOfLastToken(text);
  const before = text.slice(0, end).split("\n");
  const line = before.length;
  const column = [...before[line - 1]!].length + 1;
  const source = text.split("\n")[line - 1] ?? "";
  const gutter = " ".repeat(String(line).length);
  return `TOML parse error at line ${line}, column ${column}\n${gutter} |\n${line} | ${source}\n${gutter} | ${" ".repeat(column - 1)}^\n${message}\n`;
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += (lines[i] ?? "").length + 1;
  return offset + [...(lines[line - 1] ?? "")].slice(0, column - 1).join("").length;
}

/** Offset just past the last character that is neither whitespace nor part of a trailing comment. */
function endOfLastToken(text: string): number {
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const code = stripComment(lines[i]!).replace(/\s+$/, "");
    if (code.length > 0) return lines.slice(0, i).reduce((sum, l) => sum + l.length + 1, 0) + code.length;
  }
  return 0;
}

/** A line without its `#` comment (a `#` inside a string does not start one). */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}

async function loadTomlEdit(): Promise<TomlEditModule> {
  const module = (await importModule("@rainbowatcher/toml-edit-js")) as TomlEditModule & {
    default: (input?: unknown) => Promise<unknown>;
  };
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@rainbowatcher/toml-edit-js/index_bg.wasm");
  await module.default({ module_or_path: readFileSync(wasmPath) });
  return module;
}
