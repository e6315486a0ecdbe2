import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { AgentFlags } from "./run-agent.ts";

/** `warden agent`: `warden sync` (when this build has it) and `warden ship` in a loop with backoff. */
export function registerAgentCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("agent")
    .description("Run sync (when available) and ship in a loop, backing off while the server is down")
    .option("--state-dir <dir>", "the agent's state (env WARDEN_STATE_DIR; default /var/lib/warden)")
    .option("--spool-dir <dir>", "the hook's spool (env WARDEN_SPOOL_DIR; default /var/lib/warden/spool)")
    .option("--server <url>", "the control plane (env WARDEN_SERVER_URL)")
    .option("--token <key>", "an API key with the audit:write scope (env WARDEN_TOKEN)")
    .option("--retries <n>", "retries of a batch within a round (default 4)")
    .option("--interval <seconds>", "pause between rounds when all is well", "60")
    .option("--max-backoff <seconds>", "the longest pause after failed rounds", "900")
    .option("--once", "run one round and exit with its status")
    .action(async (flags: AgentFlags) => {
      const { runAgent } = await import("./run-agent.ts");
      setExit(await runAgent(flags, context));
    });
}
