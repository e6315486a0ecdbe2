import { describe, expect, it } from "vitest";
import { mcpArgumentTargets } from "./mcp-arguments.ts";

describe("mcpArgumentTargets", () => {
  it.each([
    [
      "absolute and home paths",
      { a: "/etc/passwd", b: ["~/.ssh/id_rsa", "./x", "../y"] },
      ["/etc/passwd", "~/.ssh/id_rsa", "./x", "../y"],
      [],
    ],
    [
      "path-named keys",
      { path: "src/a.ts", file_path: "b.txt", title: "not/a/path", dir: "has space" },
      ["src/a.ts", "b.txt"],
      [],
    ],
    [
      "URLs",
      { url: "https://user:pw@API.Example.com:8443/v1?q=1", other: "ftp://files.test/x" },
      [],
      ["api.example.com", "files.test"],
    ],
    ["file URLs", { uri: "file:///home/u/a%20b.txt" }, ["/home/u/a b.txt"], []],
    ["nested values", { request: { targets: [{ url: "https://a.test" }] } }, [], ["a.test"]],
    ["plain text", { body: "see /etc/passwd for details\nthanks", n: 3, ok: true }, [], []],
    ["not an object", "https://b.test", [], ["b.test"]],
  ])("%s", (_what, input, paths, hosts) => {
    expect(mcpArgumentTargets(input)).toEqual({ paths, hosts });
  });

  it("stops at a depth and a count the model cannot blow up", () => {
    let deep: unknown = "/deep";
    for (let i = 0; i < 50; i++) deep = { x: deep };
    expect(mcpArgumentTargets(deep).paths).toEqual([]);
    const many = Array.from({ length: 5000 }, (_, i) => `/p${i}`);
    expect(mcpArgumentTargets(many).paths).toHaveLength(512);
  });
});
