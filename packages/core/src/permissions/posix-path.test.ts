import { describe, expect, it } from "vitest";
import { isSameOrAncestor, joinPosixPath, normalizePosixPath, resolveConfigPath } from "./posix-path.ts";

describe("posix-path", () => {
  it.each([
    ["/a/./b//c/", "/a/b/c"],
    ["/a/../../b", "/b"],
    ["/", "/"],
  ])("normalizes %j to %j", (input, expected) => {
    expect(normalizePosixPath(input)).toBe(expected);
  });
  it("resolves `~`, absolute and relative paths", () => {
    expect(resolveConfigPath("~", "/base", "/home/u")).toBe("/home/u");
    expect(resolveConfigPath("~/x", "/base", "/home/u")).toBe("/home/u/x");
    expect(resolveConfigPath("/abs/../y", "/base", "/home/u")).toBe("/y");
    expect(resolveConfigPath("rel", "/base", "/home/u")).toBe("/base/rel");
  });
  it("checks ancestry on whole segments", () => {
    expect(isSameOrAncestor("/tmp", "/tmp/x")).toBe(true);
    expect(isSameOrAncestor("/", "/tmp")).toBe(true);
    expect(isSameOrAncestor("/tm", "/tmp")).toBe(false);
    expect(joinPosixPath("/a", "b/../c")).toBe("/a/c");
  });
});
