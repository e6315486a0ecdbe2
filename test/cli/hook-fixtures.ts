import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/** The policy the built-hook tests decide with: recursive deletes denied, the rest allowed, failing closed. */
export const NO_RM_POLICY = `version = 1
default = "allow"
fail_closed = true

[[rules]]
id = "no-rm"
decision = "deny"
reason = "no recursive deletes"
command = ["rm", "-r"]
`;

/** A PreToolUse event for a Bash `command` run in `cwd`, as Codex 0.169.0 writes it to the hook's stdin. */
export const bashEvent = (command: string, cwd: string): string =>
  JSON.stringify({
    session_id: "s",
    turn_id: "t",
    transcript_path: null,
    cwd,
    hook_event_name: "PreToolUse",
    model: "m",
    permission_mode: "default",
    tool_name: "Bash",
    tool_input: { command },
    tool_use_id: "call_1",
  });

/** Starts the built `warden hook serve` for `spool` and resolves once it says it is answering. */
export async function startHookDaemon(
  spool: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(join(ROOT, "bin/warden"), ["hook", "serve", "--spool-dir", spool, ...args], { env });
  await new Promise<void>((ready, fail) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (out.includes("answering hooks")) ready();
    });
    child.on("exit", (code) => fail(new Error(`hook serve exited ${code}`)));
  });
  return child;
}
