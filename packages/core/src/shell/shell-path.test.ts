import { describe, expect, it } from "vitest";
import { joinShellPath, normalizeShellPath, resolveOperand } from "./shell-path.ts";

describe("shell paths", () => {
  it.each([
    ["/a/./b//c/..", "/a/b"],
    ["/a/.hidden/..x/...", "/a/.hidden/..x/..."],
    ["/a/b/", "/a/b"],
    ["/a/.", "/a"],
    ["/", "/"],
    ["~/x/../y", "~/y"],
    ["~/..", "~"],
    ["~bob/x", "~bob/x"],
    ["a/../../b", "../b"],
    ["./", "."],
  ])("normalizes %j to %j", (path, expected) => {
    expect(normalizeShellPath(path)).toBe(expected);
  });

  it("joins onto known, relative and unknown directories", () => {
    expect(joinShellPath("", "sub")).toBe("sub");
    expect(joinShellPath("sub", "../x")).toBe("x");
    expect(joinShellPath("/etc", "ssh")).toBe("/etc/ssh");
    expect(joinShellPath(null, "x")).toBeNull();
    expect(joinShellPath(null, "/x")).toBe("/x");
  });

  it("resolves operands, keeping paths it cannot resolve as written", () => {
    expect(resolveOperand("a", "/w", "")).toBe("/w/a");
    expect(resolveOperand("a", "/w", "../v")).toBe("/v/a");
    expect(resolveOperand("a", "/w", "~/p")).toBe("~/p/a");
    expect(resolveOperand("a", "/w", null)).toBe("a");
    expect(resolveOperand("$HOME/.ssh/id_rsa", "/w", "")).toBe("~/.ssh/id_rsa");
    expect(resolveOperand("$TMPDIR/x", "/w", "")).toBe("$TMPDIR/x");
  });
});
