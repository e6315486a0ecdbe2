import { Command } from "commander";
import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";
import { runShip, type ShipFlags } from "./run-ship.ts";

/** The flags of `warden agent`. */
export interface AgentFlags extends ShipFlags {
  etcDir?: string;
  interval: string;
  maxBackoff: string;
  once?: boolean;
}

function seconds(raw: string, flag: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new CliFailure(ExitCode.usage, `${flag} ${raw}: expected seconds > 0`);
  return value;
}

/**
 * `warden sync`'s argv for this round, or null when this build has no `sync` command. Only the
 * flags `sync` declares are passed on.
 */
async function syncArgv(flags: AgentFlags, context: CommandContext): Promise<string[] | null> {
  const { commandNames, loadCommand } = await import("../main.ts");
  if (!commandNames().includes("sync")) return null;
  const probe = new Command("warden");
  (await loadCommand("sync"))(probe, context, () => {});
  const sync = probe.commands.find((c) => c.name() === "sync");
  const declared = new Set(sync?.options.map((o) => o.long) ?? []);
  const argv = ["sync"];
  const stateDir = flags.stateDir ?? context.io.env.WARDEN_STATE_DIR;
  for (const [flag, value] of [
    ["--state-dir", stateDir || undefined],
    ["--etc-dir", flags.etcDir],
  ] as const) {
    if (value !== undefined && declared.has(flag)) argv.push(flag, value);
  }
  return argv;
}

/** One round: sync (if available), then ship. Returns the worst exit code. */
async function runRound(flags: AgentFlags, context: CommandContext): Promise<ExitCodeValue> {
  let worst: ExitCodeValue = ExitCode.ok;
  const argv = await syncArgv(flags, context);
  if (argv !== null) {
    const { main } = await import("../main.ts");
    const code = (await main(argv, context.io)) as ExitCodeValue;
    if (code !== ExitCode.ok) context.io.stderr(`warden agent: sync exited ${code}\n`);
    worst = code;
  }
  const shipped = await runShip({ ...flags, json: false }, context).catch((error: unknown) => {
    if (error instanceof CliFailure) {
      context.io.stderr(`warden agent: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  });
  return Math.max(worst, shipped) as ExitCodeValue;
}

/** Runs rounds until SIGINT/SIGTERM (or once); after a failed round waits twice as long, up to the cap. */
export async function runAgent(flags: AgentFlags, context: CommandContext): Promise<ExitCodeValue> {
  const interval = seconds(flags.interval, "--interval") * 1000;
  const cap = seconds(flags.maxBackoff, "--max-backoff") * 1000;
  if (flags.once) return runRound(flags, context);
  let stopped = false;
  let wake: () => void = () => {};
  const stop = () => {
    stopped = true;
    wake();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let failures = 0;
  try {
    while (!stopped) {
      const code = await runRound(flags, context);
      failures = code === ExitCode.ok || code === ExitCode.problemsFound ? 0 : failures + 1;
      const pause = failures === 0 ? interval : Math.min(cap, interval * 2 ** failures) * (0.75 + Math.random() / 2);
      await new Promise<void>((done) => {
        wake = done;
        setTimeout(done, pause).unref();
      });
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  return ExitCode.ok;
}
