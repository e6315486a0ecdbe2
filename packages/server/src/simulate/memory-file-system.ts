import type { FileReadResult, FileSystemPort } from "@warden/core";

/**
 * A read-only `FileSystemPort` over files held in memory (absolute POSIX path → text), so the
 * explain engine can run over a stored policy and a posted user config without touching disk.
 * Every ancestor of a file is a directory; `extraDirectories` adds empty ones (a working directory).
 */
export function createMemoryFileSystem(
  files: Readonly<Record<string, string>>,
  extraDirectories: readonly string[] = [],
): FileSystemPort {
  const texts = new Map(Object.entries(files).map(([path, text]) => [normalize(path), text]));
  const directories = new Set<string>(["/"]);
  const nonEmpty = new Set<string>();
  for (const path of [...texts.keys(), ...extraDirectories.map(normalize)]) {
    for (let parent = parentOf(path); parent !== null; parent = parentOf(parent)) {
      directories.add(parent);
      nonEmpty.add(parent);
    }
  }
  for (const dir of extraDirectories) directories.add(normalize(dir));
  const exists = (path: string) => texts.has(normalize(path)) || directories.has(normalize(path));
  return {
    readText(path: string): FileReadResult {
      const key = normalize(path);
      if (directories.has(key)) return { kind: "error", message: `path \`${path}\` is not a file` };
      const text = texts.get(key);
      return text === undefined ? { kind: "missing" } : { kind: "ok", text };
    },
    isDirectory: (path) => directories.has(normalize(path)),
    exists,
    isEmptyDirectory: (path) => directories.has(normalize(path)) && !nonEmpty.has(normalize(path)),
    realpath: (path) => (exists(path) ? normalize(path) : null),
  };
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function parentOf(path: string): string | null {
  if (path === "/") return null;
  const index = path.lastIndexOf("/");
  return index <= 0 ? "/" : path.slice(0, index);
}
