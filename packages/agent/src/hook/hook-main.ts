// The entry of dist/hook.cjs, run by `bin/warden hook` for every Codex hook event. It must always
// answer: Codex treats a crash, a timeout or malformed output as "no objection" (fail-open).
import type { HookResponse } from "@warden/core/hook-runtime";
import { writeAllSync as writeAll } from "../io/write-all-sync.ts";
import { readStdin } from "./read-stdin.ts";
import { runHook } from "./run-hook.ts";

function answer(response: HookResponse): never {
  if (response.stdout !== "") writeAll(1, response.stdout);
  if (response.stderr !== "") writeAll(2, response.stderr);
  // Exit now: a watchdog answer leaves a stdin read pending that would keep the process alive.
  process.exit(response.exitCode);
}

// The last resort when even deciding failed: exit 2 with the reason on stderr blocks every event
// that can block, with no JSON to get wrong.
function lastResort(error: unknown): never {
  try {
    writeAll(2, `Blocked by Warden: the hook failed (${(error as Error)?.name ?? "error"}); failing closed\n`);
  } finally {
    process.exit(2);
  }
}

process.on("uncaughtException", lastResort);
runHook({
  argv: process.argv.slice(2),
  env: process.env,
  readStdin,
  // Not `performance.now()`: the `performance` global loads node:perf_hooks (~1 ms per start).
  // Both count from the process start.
  uptimeMs: () => process.uptime() * 1000,
}).then(answer, lastResort);
