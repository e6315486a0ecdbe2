import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runWarden, tempTree } from "./built-cli.ts";

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());
beforeAll(ensureBuilt);

function validate(files: Record<string, string | Buffer>, ...args: string[]) {
  const tree = tempTree(files);
  cleanup = tree.cleanup;
  return runWarden(["validate", ...args], tree.dir);
}

describe("warden validate (the built binary)", () => {
  it.each([
    [
      "a clean file",
      { "requirements.toml": 'allowed_sandbox_modes = ["read-only"]\n' },
      ["requirements.toml"],
      0,
      "1 file checked: no problems found.\n",
    ],
    // The syntax error text comes from the Rust parser, loaded through the bin shim in the bundle.
    [
      "a syntax error",
      { "config.toml": "a = [1,\n" },
      ["config.toml"],
      1,
      "config.toml:1:8: unclosed array, expected `]` [toml-syntax]",
    ],
    ["a missing file", {}, ["requirements.toml"], 2, "requirements.toml: no such file [input-rejected]"],
    [
      "binary garbage",
      { "config.toml": Buffer.from([0, 1, 2, 255]) },
      ["config.toml"],
      2,
      "binary file (contains NUL bytes)",
    ],
  ])("%s", (_name, files, args, status, output) => {
    const run = validate(files, ...args);
    expect(run.status).toBe(status);
    expect(run.stdout).toContain(output);
    expect(run.stderr).toBe("");
  });
});
