import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { validatePolicyFile } from "./validate-policy-file.ts";

interface OracleCase {
  file: string;
  toml: string;
  codex: { detail: string; line: number | null; column: number | null } | null;
}

const fixture = JSON.parse(readFileSync(new URL("./validate-oracle-cases.json", import.meta.url), "utf8")) as {
  cases: OracleCase[];
};

/** The text Codex 0.169.0 prints for a file refused because of `d` (requirements-spec §1, §2.6, §3.1). */
function codexDetail(d: Diagnostic, file: string, serdePath: string | null): string {
  const inSuffix = serdePath ? `in \`${serdePath}\`\n` : "";
  switch (d.code) {
    case "requirements-type":
      return `failed to parse requirements layer ${file}: ${d.message}\n${inSuffix}`;
    case "managed-config-type":
      return `${d.message}\n${inSuffix}`;
    case "config-type":
    case "config-unsupported":
      return d.line !== null && !d.message.includes("no longer supported")
        ? `${file}:${d.line}:${d.column}: ${d.message}`
        : d.message;
    case "toml-syntax":
      return file.endsWith("requirements.toml") ? d.message : `${file}:${d.line}:${d.column}: ${d.message}`;
    default:
      return d.message;
  }
}

// Codex's `in `…`` suffix, to compare whole texts: serde's key-only path.
function serdePathOf(detail: string): string | null {
  return /\nin `([^`]*)`\n$/.exec(detail)?.[1] ?? null;
}

describe("validatePolicyFile against Codex 0.169.0 (recorded)", () => {
  it.each(fixture.cases.map((c) => [JSON.stringify(c.toml), c] as const))("%s", (_name, oracle) => {
    const { diagnostics } = validatePolicyFile({ file: oracle.file, text: oracle.toml });
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (oracle.codex === null) {
      expect(errors).toEqual([]);
      return;
    }
    expect(errors).toHaveLength(1);
    const [error] = errors as [Diagnostic];
    const { detail, line, column } = oracle.codex;
    if (error.code === "toml-syntax" && oracle.file.endsWith("requirements.toml")) {
      // The layer error embeds the parser's span Display: `TOML parse error at line L, column C … message`.
      expect(detail).toContain(`TOML parse error at line ${error.line}, column ${error.column}\n`);
      expect(detail.endsWith(`\n${error.message}\n`)).toBe(true);
      return;
    }
    expect(codexDetail(error, oracle.file, serdePathOf(detail))).toBe(detail);
    if (line !== null) expect([error.line, error.column]).toEqual([line, column]);
  });
});
