import { describe, expect, it } from "vitest";
import { normalizeAbsolute, relativeTo, touchedPath } from "./touched-path.ts";

describe("touchedPath", () => {
  it.each([
    ["relative", "src/a.ts", "/r/sub", { absolute: "/r/sub/src/a.ts", home: null, workspace: "sub/src/a.ts" }],
    ["parent", "../../x", "/r/sub", { absolute: "/x", home: null, workspace: null }],
    ["absolute in home", "/h/.ssh/id", "/r", { absolute: "/h/.ssh/id", home: ".ssh/id", workspace: null }],
    ["tilde", "~/.ssh/id", "/r", { absolute: "/h/.ssh/id", home: ".ssh/id", workspace: null }],
    ["tilde alone", "~", "/r", { absolute: "/h", home: "", workspace: null }],
    ["the root itself", "/r", "/", { absolute: "/r", home: null, workspace: "" }],
    ["an expansion kept as written", "$TMP/x", "/r", { absolute: "/r/$TMP/x", home: null, workspace: "$TMP/x" }],
  ])("%s", (_what, raw, cwd, expected) => {
    expect(touchedPath(raw, cwd, "/h", "/r")).toEqual(expected);
  });

  it("keeps `~/…` home-relative when the home directory is unknown", () => {
    expect(touchedPath("~/.aws/credentials", "/r", null, "/r")).toEqual({
      absolute: null,
      home: ".aws/credentials",
      workspace: null,
    });
  });
});

describe("normalizeAbsolute and relativeTo", () => {
  it.each([
    ["/a//b/./c/../d/", "/a/b/d"],
    ["/../x", "/x"],
    ["/a/b", "/a/b"],
    ["a/b", "/a/b"],
  ])("%s → %s", (path, normalized) => {
    expect(normalizeAbsolute(path)).toBe(normalized);
  });

  it.each([
    ["/r", "/r/x", "x"],
    ["/r", "/r", ""],
    ["/r", "/rx", null],
    ["/", "/x/y", "x/y"],
    [null, "/x", null],
  ])("%s, %s → %j", (base, path, relative) => {
    expect(relativeTo(base, path)).toBe(relative);
  });
});
