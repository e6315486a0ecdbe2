import { resolve } from "node:path";
import { HOOK_DEFAULTS, serveHookFastPath } from "@warden/agent";
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.ts";
import { CliFailure, type CommandContext, collect } from "./command-context.ts";
import { type HookInstallOptions, runHookInstall } from "./hook-install.ts";

/** `warden hook install`: the compiled policy plus a managed `[hooks]` block in requirements.toml. */
export function registerHookCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  const hook = program
    .command("hook")
    .description("The managed Codex hook: `bin/warden hook` runs it (one event on stdin); `hook install` sets it up");
  hook
    .command("install")
    .description("Install the hook policy and register `warden hook` in requirements.toml [hooks]")
    .option("--etc-dir <dir>", "directory standing in for /etc/codex", "/etc/codex")
    .option("--policy <file>", "hook policy TOML (compiled here) or compiled JSON, written to <etc-dir>/warden/")
    .option(
      "--events <events>",
      "events to register (comma-separated, repeatable; default: what the policy needs)",
      collect,
      [],
    )
    .option("--command <cmd>", "the hook command (default: this checkout's `bin/warden hook`)")
    .option(
      "--spool-dir <dir>",
      `where the hook records decisions, created if missing (default: ${HOOK_DEFAULTS.spoolDir}, created only by an install into /etc/codex)`,
    )
    .option(
      "--no-daemon",
      "do not add `--daemon auto` (by default the hook starts `warden hook serve` for the user when none runs)",
    )
    .option("--force", "replace a [hooks] configuration that does not run `warden hook`")
    .option("--json", "print one JSON object")
    .action((options: HookInstallOptions) => {
      const { io } = context;
      const result = runHookInstall(options, context);
      if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else {
        if (result.policy) io.stdout(`Policy:       ${result.policy} (revision ${result.revision})\n`);
        io.stdout(`Requirements: ${result.requirements} (${result.change})\n`);
        io.stdout(`Spool:        ${result.spoolDir}\n`);
        io.stdout(`Events:       ${result.events.join(", ")}\nCommand:      ${result.command}\n`);
        for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
      }
      setExit(ExitCode.ok);
    });
  hook
    .command("serve")
    .description(
      "Answer `warden hook` from one warm process for this user (the fast path); the hook decides alone when it is not running",
    )
    .option(
      "--spool-dir <dir>",
      `the spool directory the hook command uses (default: $WARDEN_SPOOL_DIR, else ${HOOK_DEFAULTS.spoolDir})`,
    )
    .option("--idle-exit <seconds>", "stop after this many seconds without an event (default: never)")
    .action(async (options: { spoolDir?: string; idleExit?: string }) => {
      const uid = process.getuid?.();
      if (uid === undefined)
        throw new CliFailure(ExitCode.usage, "hook serve needs a POSIX system (user ids and FIFOs)");
      const idleExit = options.idleExit === undefined ? undefined : Number(options.idleExit);
      if (idleExit !== undefined && !(Number.isSafeInteger(idleExit) && idleExit >= 1 && idleExit <= 604_800)) {
        throw new CliFailure(ExitCode.usage, "--idle-exit must be a whole number of seconds from 1 to 604800");
      }
      const spoolDir = resolve(
        context.io.cwd,
        options.spoolDir ?? (context.io.env.WARDEN_SPOOL_DIR || HOOK_DEFAULTS.spoolDir),
      );
      let server: ReturnType<typeof serveHookFastPath>;
      try {
        server = serveHookFastPath({ spoolDir, uid, ...(idleExit === undefined ? {} : { idleMs: idleExit * 1000 }) });
      } catch (error) {
        throw new CliFailure(ExitCode.environment, `hook serve: ${(error as Error).message}`);
      }
      await server.ready;
      context.io.stdout(`warden hook serve: answering hooks for uid ${uid} through ${server.dir}\n`);
      const why = await Promise.race([
        server.stopped,
        new Promise<string>((done) => {
          const stop = () => done("signalled");
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        }),
      ]);
      await server.close();
      context.io.stdout(`warden hook serve: stopped (${why})\n`);
      setExit(ExitCode.ok);
    });
}
