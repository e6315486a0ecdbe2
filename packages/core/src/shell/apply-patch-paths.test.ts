import { describe, expect, it } from "vitest";
import { applyPatchPaths } from "./apply-patch-paths.ts";

const patch = (...lines: string[]) => lines.join("\n");

describe("applyPatchPaths", () => {
  it("lists added, updated, deleted and moved files", () => {
    const text = patch(
      "*** Begin Patch",
      "*** Add File: path/add.py",
      "+abc",
      "+def",
      "*** Delete File: path/delete.py",
      "*** Update File: path/update.py",
      "*** Move to: path/update2.py",
      "@@ def f():",
      "-    pass",
      "+    return 123",
      "*** Update File: README.md",
      " context",
      "+added",
      "*** End of File",
      "*** End Patch",
    );
    expect(applyPatchPaths(text)).toEqual({
      writes: ["path/add.py", "path/update2.py", "README.md"],
      deletes: ["path/delete.py", "path/update.py"],
      moves: [{ from: "path/update.py", to: "path/update2.py" }],
    });
  });

  it("resolves paths against cwd when given", () => {
    const text = patch(
      "*** Begin Patch",
      "*** Add File: ../x/a.txt",
      "+hi",
      "*** Delete File: /etc/hosts",
      "*** End Patch",
    );
    expect(applyPatchPaths(text, "/w/p")).toEqual({ writes: ["/w/x/a.txt"], deletes: ["/etc/hosts"], moves: [] });
  });

  it("does not take hunk content for headers, like Codex's parser", () => {
    const text = patch(
      "*** Begin Patch",
      "*** Add File: a.txt",
      "+*** Delete File: not-a-header",
      "*** Update File: b.txt",
      "@@",
      " *** Delete File: context-line",
      "-*** Add File: removed-line",
      "+x",
      "*** End Patch",
    );
    expect(applyPatchPaths(text)).toEqual({ writes: ["a.txt", "b.txt"], deletes: [], moves: [] });
  });

  it("accepts padding around markers, CRLF line ends and an <<'EOF' wrapper (lenient mode)", () => {
    const text = patch("<<'EOF'", "  *** Begin Patch ", " *** Add File: a.txt\r", "+x\r", "*** End Patch  ", "EOF");
    expect(applyPatchPaths(`\n${text}\n`).writes).toEqual(["a.txt"]);
  });

  it("still scans a malformed patch (Codex would reject it; nothing is missed)", () => {
    const text = patch("*** Update File: a.txt", "junk", "*** Delete File: b.txt");
    expect(applyPatchPaths(text)).toEqual({ writes: ["a.txt"], deletes: ["b.txt"], moves: [] });
  });

  it("needs the Move to line right after its Update line", () => {
    const text = patch("*** Begin Patch", "*** Update File: a", "@@", "+x", "*** Move to: b", "*** End Patch");
    expect(applyPatchPaths(text)).toEqual({ writes: ["a"], deletes: [], moves: [] });
  });
});
