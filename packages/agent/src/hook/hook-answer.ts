import type { HookResponse } from "@warden/core/hook-runtime";
import { writeAllSync } from "../io/write-all-sync.ts";

/** Prints the hook's answer and exits with its code, now: a pending stdin read must not keep the process alive. */
export function answerAndExit(response: HookResponse): never {
  if (response.stdout !== "") writeAllSync(1, response.stdout);
  if (response.stderr !== "") writeAllSync(2, response.stderr);
  process.exit(response.exitCode);
}

/** The last resort when even deciding failed: exit 2 with the reason on stderr blocks every event that can block. */
export function failClosedAndExit(error: unknown): never {
  try {
    writeAllSync(2, `Blocked by Warden: the hook failed (${(error as Error)?.name ?? "error"}); failing closed\n`);
  } finally {
    process.exit(2);
  }
}
