import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VALIDATE_RULES } from "./validate-rules.ts";

const DIR = new URL(".", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

// Every kebab-case string literal on a line that sets a diagnostic code (`code: …` or `const CODE = …`).
const emitted = new Set(
  sources(DIR).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => /\bcode: |\bCODE = /.test(line))
      .flatMap((line) => [...line.matchAll(/"([a-z0-9.]+(?:-[a-z0-9.]+)+)"/g)].map((m) => m[1]!)),
  ),
);
const readme = readFileSync(join(DIR, "README.md"), "utf8");

describe("VALIDATE_RULES", () => {
  it.each([...emitted])("lists %s, which the checks emit", (code) => {
    expect(VALIDATE_RULES).toHaveProperty([code]);
  });

  it.each(Object.keys(VALIDATE_RULES))("README.md documents %s", (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  it("the CLI's input codes are listed too", () => {
    expect(Object.keys(VALIDATE_RULES)).toEqual(expect.arrayContaining(["input-rejected", "input-unreadable"]));
  });
});
