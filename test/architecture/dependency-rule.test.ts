import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const PACKAGES = join(ROOT, "packages");

/** Which packages each package may import (architecture §2); nothing imports `cli`. */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  protocol: [],
  store: ["core", "protocol"],
  server: ["core", "protocol"],
  agent: ["core", "protocol"],
  cli: ["core", "protocol", "store", "server", "agent"],
};

/** Node modules that do I/O; `core` takes data or narrow ports instead. */
const CORE_FORBIDDEN = [
  "node:fs",
  "fs",
  "node:fs/promises",
  "node:net",
  "node:http",
  "node:https",
  "node:child_process",
  "child_process",
  "node:dgram",
  "better-sqlite3",
  "pg",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

/** The workspace package an import points into, or null for an external module. */
function targetPackage(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("@warden/")) return specifier.split("/")[1]!;
  if (!specifier.startsWith(".")) return null;
  const target = relative(PACKAGES, resolve(fromFile, "..", specifier));
  return target.startsWith("..") ? "outside" : target.split(sep)[0]!;
}

describe("package dependency rule", () => {
  const packages = readdirSync(PACKAGES).filter((name) => name in ALLOWED);

  it("knows every package in the workspace", () => {
    expect(readdirSync(PACKAGES).filter((name) => !(name in ALLOWED))).toEqual([]);
  });

  it.each(packages)("%s imports only what it may", (name) => {
    const violations: string[] = [];
    for (const file of sourceFiles(join(PACKAGES, name, "src"))) {
      for (const specifier of importsOf(file)) {
        const target = targetPackage(file, specifier);
        if (target !== null && target !== name && !ALLOWED[name]!.includes(target)) {
          violations.push(`${relative(ROOT, file)} → ${specifier}`);
        }
        if (name === "core" && CORE_FORBIDDEN.includes(specifier))
          violations.push(`${relative(ROOT, file)} → ${specifier} (I/O in core)`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("detects a reverse edge", () => {
    const file = join(PACKAGES, "core", "src", "x.ts");
    expect(targetPackage(file, "../../cli/src/main.ts")).toBe("cli");
    expect(targetPackage(file, "@warden/cli")).toBe("cli");
    expect(targetPackage(file, "./toml/parse-toml.ts")).toBe("core");
    expect(targetPackage(file, "node:fs")).toBeNull();
  });
});
