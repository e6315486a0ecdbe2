// The entry of dist/hook-client.cjs, the first thing `bin/warden hook` loads: a few kilobytes that
// hand the event to `warden hook serve` when one runs for this user (fast-path.ts). Whatever it
// cannot answer goes to the standalone hook, dist/hook.cjs, with the stdin read already started.
import { answerAndExit } from "./hook-answer.ts";
import { tryFastPath } from "./hook-client.ts";
import { readStdin, type StdinRead } from "./read-stdin.ts";

/** Answers through the daemon and exits, or resolves with what the standalone hook needs. */
export async function startHookClient(): Promise<{ readonly stdin: Promise<StdinRead> | null }> {
  const outcome = await tryFastPath({
    argv: process.argv.slice(2),
    env: process.env,
    uid: process.getuid?.(),
    pid: process.pid,
    readStdin,
    uptimeMs: () => process.uptime() * 1000,
  });
  if ("answered" in outcome) answerAndExit(outcome.answered);
  return { stdin: outcome.stdin };
}
