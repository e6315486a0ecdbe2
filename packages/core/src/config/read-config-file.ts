import type { FileSystemPort } from "../ports/file-system-port.ts";
import { parseToml, type TomlDocument } from "../toml/parse-toml.ts";
import { type CodexTomlSyntaxError, codexTomlSyntaxError, type RustTomlSyntaxErrorPort } from "./toml-syntax-error.ts";

/** What reading one config file gave. */
export type ConfigFileRead =
  | { readonly kind: "missing" }
  | { readonly kind: "ok"; readonly text: string; readonly document: TomlDocument }
  | { readonly kind: "read-error"; readonly message: string }
  | { readonly kind: "syntax-error"; readonly text: string; readonly error: CodexTomlSyntaxError };

/**
 * Reads and parses one TOML file. `realPath` is where the file is read; `displayPath` is how Codex
 * names it (`/etc/codex/config.toml` even when a fixture stands in for `/etc/codex`), and replaces
 * the real path inside I/O error texts such as ``path `…` is not a file``.
 */
export async function readConfigFile(
  fs: FileSystemPort,
  realPath: string,
  displayPath: string,
  rustPort: RustTomlSyntaxErrorPort | null,
): Promise<ConfigFileRead> {
  const read = fs.readText(realPath);
  if (read.kind === "missing") return { kind: "missing" };
  if (read.kind === "error") return { kind: "read-error", message: read.message.split(realPath).join(displayPath) };
  return parseConfigText(read.text, rustPort);
}

/** Parses TOML text the way Codex does (`toml::from_str`), with Codex's error text on failure. */
export async function parseConfigText(text: string, rustPort: RustTomlSyntaxErrorPort | null): Promise<ConfigFileRead> {
  // The JS parser decides first; Codex's own parser (wasm, ~45 ms to load) only words the error.
  const parsed = parseToml(text);
  if (parsed.ok) return { kind: "ok", text, document: parsed.document };
  const syntax = rustPort ? await codexTomlSyntaxError(text, rustPort) : null;
  if (syntax) return { kind: "syntax-error", text, error: syntax };
  const mapped = await codexTomlSyntaxError(text, null);
  return {
    kind: "syntax-error",
    text,
    error: mapped ?? { message: parsed.error.message, line: 1, column: 1, display: "" },
  };
}
