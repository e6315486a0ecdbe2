import { normalizeHost } from "./domain-pattern.ts";

/** Paths and hosts found in an MCP tool's arguments. */
export interface McpTargets {
  readonly paths: string[];
  readonly hosts: string[];
}

const MAX_DEPTH = 8;
const MAX_STRINGS = 512;
const URL_AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]*)/i;
const PATH_KEY = /(?:^|_)(?:path|paths|file|files|filename|dir|directory|folder|cwd|root)$/i;

/**
 * Walks an MCP `tool_input` (any JSON) for strings that name files or network destinations:
 * URLs (`https://host/…` gives the host, `file:///p` the path), absolute, `~/`, `./` and `../`
 * paths, and any other value of a key named like a path (`path`, `file_path`, `dir`, …).
 * Bounded in depth and count, since the model controls the input.
 */
export function mcpArgumentTargets(input: unknown): McpTargets {
  const out: McpTargets = { paths: [], hosts: [] };
  let budget = MAX_STRINGS;
  const visit = (value: unknown, key: string, depth: number): void => {
    if (budget <= 0 || depth > MAX_DEPTH) return;
    if (typeof value === "string") {
      budget--;
      classify(value.trim(), key, out);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1);
    } else if (typeof value === "object" && value !== null) {
      for (const [child, item] of Object.entries(value)) visit(item, child, depth + 1);
    }
  };
  visit(input, "", 0);
  return out;
}

function classify(text: string, key: string, out: McpTargets): void {
  if (text === "" || text.length > 4096 || text.includes("\n")) return;
  const url = URL_AUTHORITY.exec(text);
  if (url) {
    if (url[1]!.toLowerCase() === "file") out.paths.push(decodeURIComponentSafe(text.slice(url[0].length) || "/"));
    else if (url[2]) out.hosts.push(normalizeHost(url[2].slice(url[2].lastIndexOf("@") + 1)));
    return;
  }
  if (
    text.startsWith("/") ||
    text === "~" ||
    text.startsWith("~/") ||
    text.startsWith("./") ||
    text.startsWith("../")
  ) {
    out.paths.push(text);
  } else if (PATH_KEY.test(key) && !/\s/.test(text)) {
    out.paths.push(text);
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
