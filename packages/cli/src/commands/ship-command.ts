import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { ShipFlags } from "./run-ship.ts";

/** `warden ship`: sends the hook's spool to the server's audit API, at least once, in order, signed as the enrolled device. */
export function registerShipCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("ship")
    .description("Send the hook's audit spool to the server (POST /v1/audit/events); deletes only acknowledged files")
    .option(
      "--state-dir <dir>",
      "the enrolled device's state (its key signs the requests) and the shipped-up-to cursor (env WARDEN_STATE_DIR; default /var/lib/warden)",
    )
    .option("--spool-dir <dir>", "the hook's spool (env WARDEN_SPOOL_DIR; default /var/lib/warden/spool)")
    .option("--server <url>", "the control plane (env WARDEN_SERVER_URL; default: the server the device enrolled with)")
    .option(
      "--token <key>",
      "ship with an API key with the audit:write scope instead of the device key (env WARDEN_TOKEN)",
    )
    .option("--retries <n>", "retries of a batch while the server is down (default 4, backoff from 0.5 s)")
    .option("--json", "print one JSON object")
    .action(async (flags: ShipFlags) => {
      const { runShip } = await import("./run-ship.ts");
      setExit(await runShip(flags, context));
    });
}
