import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/** Builds `dist/` when a checkout has not been built yet (spawn tests run the real binary). */
export function ensureBuilt(): void {
  const bundles = ["dist/warden.cjs", "dist/warden-explain.cjs", "dist/hook.cjs", "dist/hook-client.cjs"];
  if (bundles.every((bundle) => existsSync(join(ROOT, bundle)))) return;
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/** What one run of `bin/warden` did. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `bin/warden` with `args` in `cwd`. */
export function runWarden(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CliRun {
  const result = spawnSync(join(ROOT, "bin/warden"), args, { cwd, env, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp directory with the given files (relative path → contents), removed by `cleanup()`. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "warden-cli-"));
  for (const [path, contents] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, contents);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
