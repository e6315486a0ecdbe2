import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runWarden, tempTree } from "./built-cli.ts";
import { bashEvent as event, NO_RM_POLICY as POLICY } from "./hook-fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());
beforeAll(ensureBuilt);

describe("bin/warden hook (the built bundle through the sh launcher)", () => {
  it("runs dist/hook.cjs with NODE_EXTRA_CA_CERTS unset: compile, install, answer", () => {
    const tree = tempTree({ "policy.toml": POLICY, "etc/.keep": "" });
    cleanup = tree.cleanup;
    const etc = join(tree.dir, "etc");
    const spool = join(tree.dir, "spool");
    const install = runWarden(
      ["hook", "install", "--etc-dir", etc, "--policy", "policy.toml", "--spool-dir", spool],
      tree.dir,
    );
    expect(install.status).toBe(0);
    const requirements = readFileSync(join(etc, "requirements.toml"), "utf8");
    const command = /command = "(.*)"/.exec(requirements)![1]!;
    expect(command).toBe(
      `${join(ROOT, "bin/warden")} hook --policy ${join(etc, "warden/hook-policy.json")} --spool-dir ${spool} --daemon auto`,
    );
    // A CA file that cannot load makes node warn on stderr at startup: the hook must not see it.
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: join(tree.dir, "missing.pem"),
    };
    const args = command.split(" ").slice(1);
    const run = spawnSync(join(ROOT, "bin/warden"), args, {
      input: event("rm -r build", tree.dir),
      env,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      hookSpecificOutput: {
        hookEventName: "PreToolUse",
        permissionDecision: "deny",
        permissionDecisionReason: "Blocked by Warden policy rule no-rm: no recursive deletes",
      },
    });
    const [log] = readdirSync(spool).filter((name) => name.endsWith(".jsonl"));
    expect(JSON.parse(readFileSync(join(spool, log!), "utf8"))).toMatchObject({ seq: 1, ruleId: "no-rm" });
  });

  it("fails closed (exit 2, reason on stderr) when the hook bundle is missing", () => {
    const tree = tempTree({ "bin/.keep": "" });
    cleanup = tree.cleanup;
    mkdirSync(join(tree.dir, "bin"), { recursive: true });
    copyFileSync(join(ROOT, "bin/warden"), join(tree.dir, "bin/warden"));
    const run = spawnSync(join(tree.dir, "bin/warden"), ["hook"], { input: "{}", encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^Blocked by Warden: the hook is not built \(.*dist\/hook\.cjs is missing\); failing closed\n$/,
    );
  });

  it("routes `hook install --help` to the CLI", () => {
    const run = runWarden(["hook", "install", "--help"], ROOT);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--etc-dir <dir>");
  });
});
