import { describe, expect, it } from "vitest";
import { ancestorsOf, joinPath, normalizePathLexically, parentPath, resolveAbsolutePathBuf } from "./config-path.ts";

describe("resolveAbsolutePathBuf", () => {
  // Observed from the binary: user config.toml values as the `config/read` user layer shows them
  // (CODEX_HOME=/h, HOME=/root).
  it.each([
    ["a/../b/./c", "/h/b/c"],
    ["~", "/root"],
    ["~/logs", "/root/logs"],
    ["~x/y", "/h/~x/y"],
    ["/abs/../n", "/n"],
    ["r.toml", "/h/r.toml"],
  ])("%s ⇒ %s", (value, expected) => {
    expect(resolveAbsolutePathBuf("posix", value, "/h", "/root")).toBe(expected);
  });

  it("handles Windows drive paths", () => {
    expect(resolveAbsolutePathBuf("windows", "..\\x", "C:\\Users\\a\\.codex", null)).toBe("C:\\Users\\a\\x");
  });
});

describe("path helpers", () => {
  it("lists ancestors from the path to the root", () => {
    expect(ancestorsOf("posix", "/a/b")).toEqual(["/a/b", "/a", "/"]);
    expect(ancestorsOf("windows", "C:\\a")).toEqual(["C:\\a", "C:\\"]);
  });
  it("joins and finds parents", () => {
    expect(joinPath("posix", "/a", ".codex", "config.toml")).toBe("/a/.codex/config.toml");
    expect(joinPath("posix", "/", ".codex")).toBe("/.codex");
    expect(parentPath("posix", "/")).toBeNull();
    expect(normalizePathLexically("posix", "//a/./b/../c")).toBe("/a/c");
  });
});
