import { createRequire } from "node:module";

type TomlEditModule = { initSync: (options: { module: Buffer }) => void; parse: (text: string) => unknown };

let tomlEdit: TomlEditModule | null = null;

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
    const message = String((error as Error).message ?? error);
    return message.replace(/^Parse Error: /, "");
  }
}

async function loadTomlEdit(): Promise<TomlEditModule> {
  const module = (await import("@rainbowatcher/toml-edit-js")) as unknown as TomlEditModule & {
    default: (input?: unknown) => Promise<unknown>;
  };
  const require = createRequire(import.meta.url);
  const { readFileSync } = await import("node:fs");
  const wasmPath = require.resolve("@rainbowatcher/toml-edit-js/index_bg.wasm");
  await module.default({ module_or_path: readFileSync(wasmPath) });
  return module;
}
