// The entry of dist/hook.cjs, run by `bin/warden hook` for every Codex hook event the fast path
// (fast-path.ts) did not answer. It must always answer: Codex treats a crash, a timeout or
// malformed output as "no objection" (fail-open).
import { answerAndExit, failClosedAndExit } from "./hook-answer.ts";
import { readStdin, type StdinRead } from "./read-stdin.ts";
import { runHook } from "./run-hook.ts";

/** Decides this process's event; `stdin` is the read the fast-path client already started, if any. */
export function runHookMain(stdin?: Promise<StdinRead>): void {
  process.on("uncaughtException", failClosedAndExit);
  runHook({
    argv: process.argv.slice(2),
    env: process.env,
    readStdin: stdin === undefined ? readStdin : () => stdin,
    // Not `performance.now()`: the `performance` global loads node:perf_hooks (~1 ms per start).
    // Both count from the process start.
    uptimeMs: () => process.uptime() * 1000,
  }).then(answerAndExit, failClosedAndExit);
}

// `node dist/hook.cjs …` runs the hook at once; bin/warden-hook.cjs loads the bundle as a module
// and calls `runHookMain` itself, after the fast-path client.
if (typeof module !== "undefined" && require.main === module) runHookMain();
