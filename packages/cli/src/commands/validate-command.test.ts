import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.ts";
import { main } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  return name;
}

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    env: {},
    cwd: dir,
  };
  const code = await main(["validate", ...argv], io);
  // Bad input never produces a stack trace or an internal error.
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  return { code, stdout, stderr };
}

file("ok/requirements.toml", 'allowed_approval_policies = ["on-request"]\nallowed_sandbox_modes = ["read-only"]\n');
file("bad/requirements.toml", 'allowed_approval_policies = []\nenforce_residency = "eu"\n');
file("warn/requirements.toml", "[mcp_servers]\n");
file("syntax/config.toml", "a = 1\na = 2\n");
file("types/config.toml", "model = 1\n");
file("pair/requirements.toml", 'allowed_approval_policies = ["on-request"]\n');
file("pair/managed_config.toml", 'approval_policy = "never"\n');
file("policy.toml", 'allowed_sandbox_modes = ["workspace-write"]\n');
file("huge/config.toml", Buffer.alloc(10 * 1024 * 1024, "#"));
file("binary/config.toml", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff]));
file("latin1/config.toml", Buffer.from('model = "caf\xe9"\n', "latin1"));
mkdirSync(join(dir, "adir.toml"));
symlinkSync("loop-b.toml", join(dir, "loop-a.toml"));
symlinkSync("loop-a.toml", join(dir, "loop-b.toml"));

describe("warden validate", () => {
  it("passes a clean file", async () => {
    const { code, stdout } = await run("ok/requirements.toml");
    expect(code).toBe(0);
    expect(stdout).toBe("1 file checked: no problems found.\n");
  });

  it("prints every error with its position, source line and caret, and exits 1", async () => {
    const { code, stdout } = await run("bad/requirements.toml");
    expect(code).toBe(1);
    expect(stdout).toContain(
      "bad/requirements.toml:1:29: allowed_approval_policies: field `allowed_approval_policies` cannot be empty [requirements-constraint]\n  allowed_approval_policies = []\n                              ^\n",
    );
    expect(stdout).toContain(
      "bad/requirements.toml:2:21: enforce_residency: unknown variant `eu`, expected `us` [requirements-type]",
    );
    expect(stdout).toMatch(/1 file checked: 2 errors in 1 file, 0 warnings\.\n$/);
  });

  it.each([
    [[], 0],
    [["--strict"], 1],
  ])("warnings alone exit 0, with --strict 1 (%j)", async (flags, expected) => {
    const { code, stdout } = await run(...flags, "warn/requirements.toml");
    expect(code).toBe(expected);
    expect(stdout).toContain("warn/requirements.toml:1:1: mcp_servers: warning: an empty MCP allow-list");
  });

  it.each([
    [
      "malformed TOML (Codex's parser text)",
      "syntax/config.toml",
      "syntax/config.toml:2:1: duplicate key [toml-syntax]",
    ],
    [
      "wrong types",
      "types/config.toml",
      "types/config.toml:1:9: model: invalid type: integer `1`, expected a string [config-type]",
    ],
    ["kind from content", "policy.toml", "[requirements-constraint]"],
  ])("reports %s and exits 1", async (_name, path, expected) => {
    const { code, stdout } = await run(path);
    expect(code).toBe(1);
    expect(stdout).toContain(expected);
  });

  it("--kind overrides the file name", async () => {
    const { code, stdout } = await run("--kind", "config", "policy.toml");
    expect(code).toBe(0);
    expect(stdout).toContain("[unknown-key]");
  });

  it("checks a managed config against the requirements given with it", async () => {
    const { code, stdout } = await run("pair/requirements.toml", "pair/managed_config.toml");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "pair/managed_config.toml:1:19: approval_policy: warning: Codex also reads managed_config.toml",
    );
  });

  it.each([
    ["a 10 MB file", "huge/config.toml", 2, "file is 10485760 bytes; the limit is 4194304"],
    ["binary garbage", "binary/config.toml", 2, "binary file (contains NUL bytes)"],
    ["invalid UTF-8", "latin1/config.toml", 2, "not valid UTF-8"],
    ["a directory", "adir.toml", 2, "is a directory, expected a file"],
    ["a missing file", "missing/requirements.toml", 2, "no such file"],
    ["an unreadable path (symlink loop)", "loop-a.toml", 3, "cannot read:"],
    ["an unreadable path (through a file)", "ok/requirements.toml/x.toml", 3, "cannot read:"],
  ])("refuses %s with a clear message (exit %i)", async (_name, path, exit, message) => {
    const { code, stdout } = await run(path, "ok/requirements.toml");
    expect(code).toBe(exit);
    expect(stdout.split("\n")[0]).toContain(`${path}: ${message}`);
    expect(stdout).toMatch(/2 files checked: 1 error in 1 file, 0 warnings\.\n$/);
  });

  it.runIf(process.getuid?.() !== 0)("refuses a file without read permission (exit 3)", async () => {
    const path = file("noperm/config.toml", "model = 'x'\n");
    chmodSync(join(dir, path), 0o000);
    const { code, stdout } = await run(path);
    expect(code).toBe(3);
    expect(stdout).toContain("cannot read: EACCES");
  });

  it.each([
    ["no files", [], "missing required argument 'files'"],
    [
      "an unknown kind",
      ["--kind", "bogus", "ok/requirements.toml"],
      "Allowed choices are requirements, managed-config, config",
    ],
    ["an unknown format", ["--format", "xml", "ok/requirements.toml"], "Allowed choices are text, json, sarif"],
    [
      "--json with another format",
      ["--json", "--format", "sarif", "ok/requirements.toml"],
      "--json conflicts with --format sarif",
    ],
  ])("exits 2 on bad usage: %s", async (_name, argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });

  it("--json prints {files, errorCount, warningCount}", async () => {
    const { code, stdout } = await run("--json", "bad/requirements.toml", "warn/requirements.toml", "missing.toml");
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(["files", "errorCount", "warningCount"]);
    expect(report).toMatchObject({ errorCount: 3, warningCount: 1 });
    expect(report.files.map((f: { file: string; kind: string | null }) => [f.file, f.kind])).toEqual([
      ["bad/requirements.toml", "requirements"],
      ["warn/requirements.toml", "requirements"],
      ["missing.toml", null],
    ]);
    expect(report.files[0].diagnostics[0]).toEqual({
      code: "requirements-constraint",
      severity: "error",
      message: "field `allowed_approval_policies` cannot be empty",
      file: "bad/requirements.toml",
      line: 1,
      column: 29,
      keyPath: "allowed_approval_policies",
    });
  });

  it("--format sarif prints SARIF 2.1.0 for code scanning", async () => {
    const { code, stdout } = await run("--format", "sarif", "bad/requirements.toml", "warn/requirements.toml");
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe("2.1.0");
    const [run0] = sarif.runs;
    expect(run0.tool.driver.name).toBe("warden");
    expect(run0.results).toHaveLength(3);
    const rules = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of run0.results) expect(rules[result.ruleIndex]).toBe(result.ruleId);
    expect(run0.results[0]).toMatchObject({
      ruleId: "requirements-constraint",
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "bad/requirements.toml", uriBaseId: "%SRCROOT%" },
            region: { startLine: 1, startColumn: 29 },
          },
        },
      ],
    });
    expect(run0.results[2]).toMatchObject({ ruleId: "empty-mcp-allow-list", level: "warning" });
  });
});
