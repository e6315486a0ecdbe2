import { describe, expect, it } from "vitest";
import { parseToml } from "./parse-toml.ts";
import { TomlDateTime } from "./toml-value.ts";

function parse(text: string) {
  const result = parseToml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe("parseToml", () => {
  it("builds values with integer/float distinction and date-times", () => {
    const doc = parse('a = 1\nb.c = "x"\n[t]\nd = [1, {e = 2.5}]\nf = 1979-05-27\n');
    expect(doc.value).toEqual({
      a: 1n,
      b: { c: "x" },
      t: { d: [1n, { e: 2.5 }], f: new TomlDateTime("1979-05-27", "local-date") },
    });
  });

  it("keeps 64-bit integers exactly", () => {
    expect(parse("n = 9223372036854775807").value.n).toBe(9223372036854775807n);
  });

  it("records 1-based positions of keys, table headers and array-of-table elements", () => {
    const doc = parse('top = 1\n\n[mcp_servers.docs.identity]\ncommand = "x"\n[[arr]]\ng = true\n[[arr]]\ng = false\n');
    expect(doc.positionOf(["top"])).toEqual({ line: 1, column: 1 });
    expect(doc.positionOf(["mcp_servers", "docs", "identity", "command"])).toEqual({ line: 4, column: 1 });
    expect(doc.positionOf(["arr", 1, "g"])).toEqual({ line: 8, column: 1 });
    expect(doc.valuePositionOf(["arr", 1, "g"])).toEqual({ line: 8, column: 5 });
    expect(doc.value.arr).toEqual([{ g: true }, { g: false }]);
  });

  it("falls back to the nearest written ancestor for positions", () => {
    const doc = parse('[features]\napps = "no"\n');
    expect(doc.positionOf(["features", "apps", "deeper"])).toEqual({ line: 2, column: 1 });
  });

  it("positions values inside arrays", () => {
    const doc = parse('allowed = [\n  "a",\n  "bogus",\n]\n');
    expect(doc.valuePositionOf(["allowed", 1])).toEqual({ line: 3, column: 3 });
  });

  it("reports syntax errors with a 1-based position", () => {
    const result = parseToml("a = 1\nb = \n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 3, column: 1 });
  });

  it("rejects duplicate keys", () => {
    expect(parseToml("a = 1\na = 2\n").ok).toBe(false);
  });

  it("accepts TOML 1.1 syntax and flags it", () => {
    const doc = parse("a = {\n  b = 1,\n}\n");
    expect(doc.value).toEqual({ a: { b: 1n } });
    expect(doc.requiresToml11).toBe(true);
    expect(parse("a = 1").requiresToml11).toBe(false);
  });

  it("strips a byte-order mark", () => {
    expect(parse("\uFEFFa = 1").value).toEqual({ a: 1n });
  });
});
