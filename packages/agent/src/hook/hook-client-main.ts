// The entry of dist/hook-client.cjs, the first thing `bin/warden hook` loads: a few kilobytes that
// hand the event to `warden hook serve` when one runs for this user (fast-path.ts). Whatever it
// cannot answer goes to the standalone hook, dist/hook.cjs, with the stdin read already started.
import { join } from "node:path";
import { AUTOSTART_IDLE_EXIT_SECONDS } from "./fast-path.ts";
import { answerAndExit } from "./hook-answer.ts";
import { tryFastPath } from "./hook-client.ts";
import { readStdin, type StdinRead } from "./read-stdin.ts";

/**
 * `--daemon auto`: starts `warden hook serve` for the spool, detached from this hook (its own
 * session, no inherited stdio: Codex waits for the hook's output to close), stopping once idle.
 * node:child_process is loaded only here, so only a hook that starts a daemon pays for it.
 */
function startDaemon(spoolDir: string): void {
  try {
    const { spawn } = require("node:child_process") as typeof import("node:child_process");
    const cli = join(__dirname, "..", "bin", "warden.cjs");
    const args = [cli, "hook", "serve", "--spool-dir", spoolDir, "--idle-exit", String(AUTOSTART_IDLE_EXIT_SECONDS)];
    spawn(process.execPath, args, { cwd: "/", detached: true, stdio: "ignore" }).unref();
  } catch {
    // the next hook after AUTOSTART_RETRY_MS tries again; this one decides standalone
  }
}

/** Answers through the daemon and exits, or resolves with what the standalone hook needs. */
export async function startHookClient(): Promise<{ readonly stdin: Promise<StdinRead> | null }> {
  const outcome = await tryFastPath({
    argv: process.argv.slice(2),
    env: process.env,
    uid: process.getuid?.(),
    pid: process.pid,
    readStdin,
    uptimeMs: () => process.uptime() * 1000,
    startDaemon,
  });
  if ("answered" in outcome) answerAndExit(outcome.answered);
  return { stdin: outcome.stdin };
}
