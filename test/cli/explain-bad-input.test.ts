import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runWarden, tempTree } from "./built-cli.ts";

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());
beforeAll(ensureBuilt);

/** Runs `warden explain` on a fixture with `etc/` and `home/` directories. */
function explain(files: Record<string, string | Buffer>, ...extra: string[]) {
  const tree = tempTree({ "home/.keep": "", "etc/.keep": "", ...files });
  cleanup = tree.cleanup;
  return runWarden(["explain", "--etc-dir", "etc", "--codex-home", "home", "--cwd", ".", ...extra], tree.dir);
}

describe("warden explain on bad input (the built binary)", () => {
  it("reports a TOML syntax error with Codex's own text and exit 1", () => {
    const run = explain({ "etc/requirements.toml": "a = [1,\n" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "failed to parse requirements layer /etc/codex/requirements.toml: TOML parse error at line 1, column 8",
    );
    expect(run.stdout).toContain("unclosed array, expected `]`");
    expect(run.stderr).toBe("");
  });

  it("reports a wrong type with the key path and the file position", () => {
    const run = explain({ "etc/requirements.toml": 'allowed_approval_policies = "never"\n' }, "--json");
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.error).toBe(
      'failed to parse requirements layer /etc/codex/requirements.toml: invalid type: string "never", expected a sequence\nin `allowed_approval_policies`',
    );
    expect(result.errorLocation).toEqual({
      file: "/etc/codex/requirements.toml",
      line: 1,
      column: 1,
      keyPath: "allowed_approval_policies",
    });
    expect(result.effective).toBeNull();
  });

  it("reports binary garbage and invalid UTF-8 as Codex does", () => {
    const run = explain({ "etc/requirements.toml": Buffer.from([0x6d, 0x3d, 0xff, 0x00, 0xfe]) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "Failed to read requirements file /etc/codex/requirements.toml: invalid utf-8 sequence of 1 bytes from index 2",
    );
  });

  it("reports a directory where a file belongs as Codex does", () => {
    const run = explain({ "etc/requirements.toml/x": "" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("path `/etc/codex/requirements.toml` is not a file");
  });

  it("refuses a 10 MB file with a clear message and exit 3", () => {
    const run = explain({ "etc/requirements.toml": `x = "${"y".repeat(10_000_000)}"\n` });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(
      /requirements\.toml is 10000007 bytes; Warden reads configuration files of at most 4194304 bytes/,
    );
    expect(run.stdout).toBe("");
  });

  it.each([
    [["--etc-dir", "missing"], "--etc-dir missing: no such directory"],
    [["--codex-home", "missing"], "--codex-home missing: no such directory"],
    [["--cwd", "missing"], "--cwd missing: no such directory"],
    [["--codex-version", "0.1.0"], "--codex-version 0.1.0: not supported; supported: 0.169.0"],
    [["--mdm-plist", "missing.plist"], "--mdm-plist missing.plist: no such file"],
    [["--cloud-requirements", "missing.toml"], "--cloud-requirements missing.toml: no such file"],
  ])("rejects %j with exit 2", (args, message) => {
    const run = explain({}, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`warden: ${message}\n`);
    expect(run.stdout).toBe("");
  });

  it("rejects a plist that is not a plist and a cloud fragment with the wrong shape", () => {
    expect(explain({ "bad.plist": "requirements_toml_base64 = 1" }, "--mdm-plist", "bad.plist").stderr).toBe(
      "warden: --mdm-plist bad.plist: not an XML property list (no <plist> element)\n",
    );
    const fragment = explain({ "f.json": '{"id": 1}' }, "--cloud-requirements", "f.json");
    expect(fragment.status).toBe(2);
    expect(fragment.stderr).toContain('expected an object with string fields "id", "name" and "contents"');
  });

  it("rejects an unknown option with usage help and exit 2", () => {
    const run = explain({}, "--bogus");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--bogus'");
  });

  it("prints one JSON object for a healthy machine", () => {
    const run = explain({ "etc/requirements.toml": 'allowed_web_search_modes = ["cached"]\n' }, "--json");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.error).toBeNull();
    expect(result.requirements.allowedWebSearchModes).toEqual(["cached", "disabled"]);
    expect(result.effective.webSearchMode).toBe("cached");
  });
});
