import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fastParseToml } from "./fast-toml.ts";
import { parseFully, parseToml } from "./parse-toml.ts";

const ROOT = resolve(import.meta.dirname, "../../../..");

/** Every .toml file in the repository (conformance scenarios, fixtures, examples, bench). */
function repositoryToml(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === "node_modules" || entry === ".git" || entry === "dist") continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".toml")) found.push({ name: relative(ROOT, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(ROOT);
  return found;
}

/** Documents written to probe the subset's edges: each must be declined or read exactly as the full parser reads it. */
const EDGES = [
  'a = 1\nb.c = "x"\n[t]\nd = [1, {e = 2}]\n',
  "a.b = 1\na.c = 2\n",
  "a.b = 1\n[a]\n",
  "a.b = 1\n[a.c]\nd = 1\n",
  "[a]\nb.c = 1\n[a.b]\n",
  "[a.b.c]\n[a]\nb.d = 1\n",
  "[a]\n[a]\n",
  "[a.b]\n[a]\nx = 1\n",
  "[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 3\n",
  "a = []\n[[a]]\n",
  "[[a]]\n[a]\n",
  "[a]\n[[a]]\n",
  "a = {}\na.b = 1\n",
  "a = {b = 1}\n[a]\n",
  "a = {b.c = 1, b.d = 2}\n",
  "a = {b = 1,}\n",
  "a = {\nb = 1}\n",
  "a = {b = [\n1,\n2,\n]}\n",
  "a = [1, 2,]\n",
  "a = [ # c\n 1 , # d\n 2 ]\n",
  'a = "\\u00e9\\U0001F600\\t"\n',
  'a = "\\e"\n',
  'a = "\\x41"\n',
  'a = "\\ud800"\n',
  "a = 'C:\\path'\n",
  'a = """\nx"""\n',
  "a = '''x'''\n",
  "a = 0x_1\na2 = 0x1_0\nb = 0o17\nc = 0b1_0\nd = -0\ne = +12_3\n",
  "a = 01\n",
  "a = 1__0\n",
  "a = 9223372036854775807\nb = -9223372036854775808\n",
  "a = 9223372036854775808\n",
  "a = 0x8000000000000000\n",
  "a = 1.5\n",
  "a = inf\n",
  "a = 1979-05-27\n",
  "a = true\nb = false\nc = truex\n",
  '"quoted.key" = 1\n\'lit\' = 2\n"" = 3\n',
  "a . b . c = 1\n[ x . y ]\n[[ z ]]\n",
  "[ [z] ]\n",
  "a = 1 # comment\r\nb = 2\r\n",
  "a = 1\rb = 2\n",
  "a = 1 b = 2\n",
  "a =\n1\n",
  "é = 1\n",
  "a = 1\na = 2\n",
  "__proto__ = 1\n",
  "a = 'x\u0001'\n",
  "# comment with \u0007 bell\n",
  "[a]\nb = 1\n[a.b.c]\n",
  "\uFEFFa = 1\n",
  "",
  "\n\n# only comments\n",
  'x = {a = "}", b = [1, {c = "]"}]}\n',
  `a = ${"[".repeat(64)}1${"]".repeat(64)}\n`,
  `a = ${"[".repeat(65)}1${"]".repeat(65)}\n`,
];

/** A small deterministic generator, so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SIGNIFICANT = ['"', "'", "[", "]", "{", "}", "=", ".", ",", "#", "\n", " ", "\\", "0", "x", "_", "-", "\r"];

/** Character-level and line-level mutations of a document. */
function mutations(text: string, seed: number, count: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const lines = text.split("\n");
    const line = Math.floor(next() * lines.length);
    switch (Math.floor(next() * 5)) {
      case 0:
        out.push(text.slice(0, at) + text.slice(at + 1));
        break;
      case 1:
        out.push(text.slice(0, at) + pick(SIGNIFICANT) + text.slice(at));
        break;
      case 2:
        out.push([...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join("\n"));
        break;
      case 3:
        out.push([...lines.slice(0, line), ...lines.slice(line + 1)].join("\n"));
        break;
      default:
        out.push(text.slice(0, at) + pick(SIGNIFICANT) + pick(SIGNIFICANT) + text.slice(at + 2));
    }
  }
  return out;
}

/** The property: declined, or accepted by the full parser as TOML 1.0 with exactly the same value. */
function expectAgreement(text: string, label: string): boolean {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const fast = fastParseToml(source);
  if (fast === null) return false;
  const full = parseFully(source);
  expect(full.ok, `${label}: the fast reader accepted what the full parser rejects\n${text}`).toBe(true);
  if (!full.ok) return true;
  expect(full.requiresToml11, `${label}: accepted TOML 1.1 syntax\n${text}`).toBe(false);
  expect(fast, `${label}: another value\n${text}`).toStrictEqual(full.value);
  return true;
}

describe("fastParseToml against the full parser", () => {
  const files = repositoryToml();

  it("reads every repository TOML file it accepts exactly as the full parser does, and accepts most", () => {
    expect(files.length).toBeGreaterThan(200);
    const accepted = files.filter((file) => expectAgreement(file.text, file.name));
    // The subset exists to be the common case: Codex configuration files rarely leave it.
    expect(accepted.length / files.length).toBeGreaterThan(0.8);
  });

  it("declines or agrees on documents probing each rule's edge", () => {
    const accepted = EDGES.filter((text, index) => expectAgreement(text, `edge ${index}`));
    expect(accepted).toContain("a.b = 1\na.c = 2\n");
    expect(accepted).toContain("[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 3\n");
    expect(accepted).not.toContain("a = 1\na = 2\n");
  });

  it("declines or agrees on 30,000 mutations of the repository's files", () => {
    let accepted = 0;
    let total = 0;
    files.forEach((file, index) => {
      for (const text of mutations(file.text, index + 1, 100)) {
        total++;
        if (expectAgreement(text, `${file.name} mutation`)) accepted++;
      }
    });
    expect(total).toBeGreaterThan(20_000);
    expect(accepted).toBeGreaterThan(total / 10); // the mutations exercise the fast path, not only the fallback
  });
});

describe("fastParseToml's limits", () => {
  it("leaves documents nested past its depth to the full parser, without throwing", () => {
    expect(fastParseToml(`a = ${"[".repeat(64)}1${"]".repeat(64)}`)).not.toBeNull();
    expect(fastParseToml(`a = ${"[".repeat(65)}1${"]".repeat(65)}`)).toBeNull();
    expect(fastParseToml(`a = ${"[".repeat(100_000)}`)).toBeNull();
  });
});

describe("parseToml through the fast reader", () => {
  it("still gives positions, from the full parser, when asked", () => {
    const result = parseToml('top = 1\n\n[mcp_servers.docs]\ncommand = "x"\n');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.document.requiresToml11).toBe(false);
    expect(result.document.positionOf(["mcp_servers", "docs", "command"])).toEqual({ line: 4, column: 1 });
    expect(result.document.valuePositionOf(["top"])).toEqual({ line: 1, column: 7 });
  });
});
