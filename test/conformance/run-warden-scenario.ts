import { hostname } from "node:os";
import { main } from "../../packages/cli/src/main.ts";
import { pathNormalizer } from "../oracle/normalize.mjs";
// The oracle harness's own scratch layout and path placeholders, so both sides see the same files.
import { createScratch, readCase } from "../oracle/scratch.mjs";

/** What `warden explain --json` printed for one scenario, paths normalized like the recorded Codex output. */
export interface WardenObservation {
  exitCode: number;
  result: Record<string, unknown> | null;
  stderr: string;
}

/** Sets a scenario up exactly as the oracle does and runs `warden explain --json` on it in-process. */
export async function runWardenScenario(scenarioDir: string): Promise<WardenObservation> {
  const caseCfg = readCase(scenarioDir);
  const scratch = createScratch(scenarioDir, caseCfg);
  try {
    const argv = [
      "explain",
      "--json",
      "--etc-dir",
      scratch.etc,
      "--codex-home",
      scratch.home,
      "--cwd",
      scratch.cwd,
      "--hostname",
      scratch.hostname ?? hostname(),
      ...(caseCfg.profile ? ["--profile", caseCfg.profile] : []),
      ...scratch.flags,
    ];
    let stdout = "";
    let stderr = "";
    const exitCode = await main(argv, {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: process.env,
      cwd: scratch.cwd,
    });
    const normalize = pathNormalizer(scratch);
    const result = stdout.trim() ? (normalize(JSON.parse(stdout)) as Record<string, unknown>) : null;
    return { exitCode, result, stderr };
  } finally {
    scratch.remove();
  }
}
