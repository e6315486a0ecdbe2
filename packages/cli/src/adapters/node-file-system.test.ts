import { chmodSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeFileSystem } from "./node-file-system.ts";

const fs = createNodeFileSystem();

function scratch() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "warden-nodefs-")));
  mkdirSync(join(root, "dir"));
  mkdirSync(join(root, "empty"));
  writeFileSync(join(root, "dir/file.toml"), 'model = "x"\n');
  writeFileSync(join(root, "bad.toml"), Buffer.from([0x6d, 0x3d, 0x22, 0xff, 0x22, 0x0a]));
  symlinkSync(join(root, "dir"), join(root, "link"));
  return root;
}

describe("createNodeFileSystem", () => {
  const root = scratch();

  it("reads files, reports missing ones and words errors like Codex", () => {
    expect(fs.readText(join(root, "dir/file.toml"))).toEqual({ kind: "ok", text: 'model = "x"\n' });
    expect(fs.readText(join(root, "nope.toml"))).toEqual({ kind: "missing" });
    // Observed from the binary: a directory at `config.toml` ⇒ "path `…` is not a file".
    expect(fs.readText(join(root, "dir"))).toEqual({ kind: "error", message: `path \`${root}/dir\` is not a file` });
    // Observed from the binary: byte 0xff in config.toml ⇒ "invalid utf-8 sequence of 1 bytes from index 7".
    expect(fs.readText(join(root, "bad.toml"))).toEqual({
      kind: "error",
      message: "invalid utf-8 sequence of 1 bytes from index 3",
    });
    expect(fs.readText(join(root, "dir/file.toml/x"))).toEqual({
      kind: "error",
      message: "Not a directory (os error 20)",
    });
  });

  it.skipIf(process.getuid?.() === 0)("reports permission errors with the errno", () => {
    writeFileSync(join(root, "secret.toml"), "");
    chmodSync(join(root, "secret.toml"), 0o000);
    expect(fs.readText(join(root, "secret.toml"))).toEqual({
      kind: "error",
      message: "Permission denied (os error 13)",
    });
  });

  it("answers directory, existence and realpath questions", () => {
    expect([
      fs.isDirectory(join(root, "dir")),
      fs.isDirectory(join(root, "dir/file.toml")),
      fs.isDirectory(join(root, "nope")),
    ]).toEqual([true, false, false]);
    expect([fs.exists(join(root, "link")), fs.exists(join(root, "nope"))]).toEqual([true, false]);
    expect([fs.isEmptyDirectory(join(root, "empty")), fs.isEmptyDirectory(join(root, "dir"))]).toEqual([true, false]);
    expect(fs.realpath(join(root, "link"))).toBe(join(root, "dir"));
    expect(fs.realpath(join(root, "nope"))).toBeNull();
  });
});
