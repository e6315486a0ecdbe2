import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { detectRepo, originUrl, stripCredentials } from "./detect-repo.ts";
import { tempDir } from "./hook-harness.test-support.ts";

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir("warden-repo-");
});
afterEach(() => work.cleanup());

function files(tree: Record<string, string>): void {
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(join(work.dir, path, ".."), { recursive: true });
    writeFileSync(join(work.dir, path), text);
  }
}

describe("detectRepo", () => {
  it("finds the root, origin and branch from a nested directory", () => {
    files({
      "r/.git/HEAD": "ref: refs/heads/main\n",
      "r/.git/config":
        '[remote "upstream"]\n\turl = git@x:y.git\n[remote "origin"]\n\turl = git@github.com:acme/r.git\n',
      "r/a/b/.keep": "",
    });
    expect(detectRepo(join(work.dir, "r/a/b"))).toEqual({
      root: join(work.dir, "r"),
      remoteUrl: "git@github.com:acme/r.git",
      branch: "main",
    });
  });

  it("reads a linked worktree through its gitdir and commondir", () => {
    files({
      "main/.git/HEAD": "ref: refs/heads/main\n",
      "main/.git/config": '[remote "origin"]\n  url = https://github.com/acme/r\n',
      "main/.git/worktrees/wt/HEAD": "ref: refs/heads/topic\n",
      "main/.git/worktrees/wt/commondir": "../..\n",
      "wt/.git": `gitdir: ${join(work.dir, "main/.git/worktrees/wt")}\n`,
    });
    expect(detectRepo(join(work.dir, "wt"))).toEqual({
      root: join(work.dir, "wt"),
      remoteUrl: "https://github.com/acme/r",
      branch: "topic",
    });
  });

  it("reports a detached HEAD and no origin as nulls", () => {
    files({ "r/.git/HEAD": "0123456789abcdef0123456789abcdef01234567\n" });
    expect(detectRepo(join(work.dir, "r"))).toEqual({ root: join(work.dir, "r"), remoteUrl: null, branch: null });
  });

  it("ignores an empty .git placeholder directory", () => {
    mkdirSync(join(work.dir, "p/.git"), { recursive: true });
    expect(detectRepo(join(work.dir, "p"))?.root ?? null).not.toBe(join(work.dir, "p"));
  });
});

describe("originUrl and stripCredentials", () => {
  it("reads quoted values and ignores other sections", () => {
    expect(originUrl('[remote "origin"]\nfetch = +refs/*\nurl = "https://h/x"\n[branch "main"]\nurl = no\n')).toBe(
      "https://h/x",
    );
    expect(originUrl("[core]\nbare = false\n")).toBeNull();
  });

  it.each([
    ["https://user:ghp_token@github.com/a/b.git", "https://github.com/a/b.git"],
    ["https://github.com/a/b.git", "https://github.com/a/b.git"],
    ["git@github.com:a/b.git", "git@github.com:a/b.git"],
    ["ssh://git@host:22/a/b", "ssh://host:22/a/b"],
  ])("%s → %s", (url, expected) => {
    expect(stripCredentials(url)).toBe(expected);
  });
});
