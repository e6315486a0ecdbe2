import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { AgentFlags } from "./run-agent.ts";

/** `warden agent`: `warden sync` and `warden ship` in a loop with backoff; an enrolled device needs only its state dir. */
export function registerAgentCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("agent")
    .description(
      "Run sync and ship in a loop as the enrolled device (only its state dir needed), backing off while the server is down",
    )
    .option("--state-dir <dir>", "the enrolled device's state (env WARDEN_STATE_DIR; default /var/lib/warden)")
    .option("--etc-dir <dir>", "where sync installs the bundle (default /etc/codex)")
    .option("--spool-dir <dir>", "the hook's spool (env WARDEN_SPOOL_DIR; default /var/lib/warden/spool)")
    .option("--server <url>", "ship to this server (env WARDEN_SERVER_URL; default: the one the device enrolled with)")
    .option("--token <key>", "ship with an API key (audit:write) instead of the device key (env WARDEN_TOKEN)")
    .option("--retries <n>", "retries of a batch within a round (default 4)")
    .option("--interval <seconds>", "pause between rounds when all is well", "60")
    .option("--max-backoff <seconds>", "the longest pause after failed rounds", "900")
    .option("--once", "run one round and exit with its status")
    .action(async (flags: AgentFlags) => {
      const { runAgent } = await import("./run-agent.ts");
      setExit(await runAgent(flags, context));
    });
}
