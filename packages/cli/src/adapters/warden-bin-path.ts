import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The absolute path of this checkout's `bin/warden` (found upwards from the running code), or null. */
export function wardenBinPath(from: string = import.meta.dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "bin", "warden");
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Quotes a word for `sh -c` when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.,:+@%=-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
